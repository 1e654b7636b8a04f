import { randomInt } from "node:crypto";
import path from "node:path";
import { Option } from "commander";
import { UserError } from "../../errors.js";
import type { ApiPlugin } from "../../plugin.js";
import { normaliseOrigin } from "../../reference/cors.js";
import type { Io } from "../io.js";

export interface MockOptions {
  port?: number;
  host: string;
  dynamic?: boolean;
  stateful?: boolean;
  fixtures?: string;
  latency?: number;
  failRate?: number;
  seed?: number;
  /** False with --no-cors. */
  cors: boolean;
  corsOrigin?: string[];
  corsHeaders?: string[];
  allowedHost?: string[];
  quiet?: boolean;
  /** The reference settings the plugins declare, under commander's attribute names (e.g. `--rate-limit` as rateLimit). */
  [settingFlag: string]: unknown;
}

/** Starts a mock and keeps it running until the process is interrupted. */
export async function mockCommand(plugin: ApiPlugin, options: MockOptions, io: Io): Promise<number> {
  const api = plugin.name;
  const port = options.port ?? plugin.defaultPort;
  const contract = path.relative(process.cwd(), plugin.contractFile);
  let close: () => Promise<void>;

  if (options.stateful) {
    // A failing run can be repeated: the seed is always chosen here, and shown.
    const seed = options.failRate ? (options.seed ?? randomInt(2 ** 31)) : options.seed;
    // Each kind of mock loads only its own launcher: the reference never needs Prism's, nor Prism the reference.
    const { startReference } = await import("../../mock/reference.js");
    const { server } = await startReference(plugin, {
      ...settingsOf(plugin, options),
      port,
      host: options.host,
      fixtures: options.fixtures,
      latencyMs: options.latency,
      failRate: options.failRate,
      seed,
      cors: options.cors ? { origins: options.corsOrigin?.map(corsOriginFlag), headers: options.corsHeaders } : false,
      allowedHosts: options.allowedHost,
      log: options.quiet ? undefined : io.out,
    });
    close = server.close;
    io.out(`${api} reference server (stateful, ${contract}) listening on ${server.url}`);
    io.out(`TEST-ONLY credentials: ${Object.entries(server.credentials).map(([name, value]) => `${name} ${value}`).join(", ")}`);
    for (const line of plugin.mockHint(server.url, server.credentials)) io.out(line);
    io.out(`Admin (no credentials): GET ${server.url}/__archive-kit/state and /__archive-kit/requests; POST (Content-Type: application/json) ${server.url}/__archive-kit/reset, /__archive-kit/respond and /__archive-kit/seed`);
    if (!isLoopback(options.host)) {
      io.out(`warning: --host ${options.host} is reachable from other machines, and the admin endpoints need no credentials: anyone who can reach it can read every user (/__archive-kit/state) and reset the mock — use --host 127.0.0.1 unless that is what you want`);
    }
    io.out(options.cors ? `CORS: ${options.corsOrigin ? `only ${options.corsOrigin.map(corsOriginFlag).join(", ")}` : "any origin"}` : "CORS: off (--no-cors)");
    if (options.latency) io.out(`Every API answer is delayed by ${options.latency} ms (--latency).`);
    if (options.failRate) io.out(`${Math.round(options.failRate * 1000) / 10}% of API requests answer a documented 5xx or 429 at random, state untouched (--fail-rate ${options.failRate} --seed ${seed} repeats them).`);
  } else {
    const { startPrism } = await import("../../mock/prism.js");
    const mock = await startPrism({ contractFile: plugin.contractFile, port, host: options.host, dynamic: options.dynamic, cors: options.cors, log: options.quiet ? undefined : io.out });
    close = mock.close;
    io.out(`${api} Prism mock (stateless${options.dynamic ? ", dynamic" : ""}, ${contract}) listening on ${mock.url}`);
    io.out(`Try: ${plugin.exampleCurl(mock.url)}`);
  }
  // The handlers go in before the announcement: whoever reads "Press Ctrl+C" may press it at once.
  const stopped = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  io.out("Press Ctrl+C to stop.");
  await stopped;
  await close();
  return 0;
}

/** The reference settings the API's flags given on the command line stand for. */
function settingsOf(plugin: ApiPlugin, options: MockOptions): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const setting of plugin.reference.settingFlags) {
    const value = options[new Option(setting.flag).attributeName()];
    if (typeof value === "number") Object.assign(settings, setting.toSettings(value));
  }
  return settings;
}

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine reaches. */
function isLoopback(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === "::1" || host === "[::1]" || host.toLowerCase() === "localhost";
}

function corsOriginFlag(text: string): string {
  const origin = normaliseOrigin(text);
  if (!origin) throw new UserError(`--cors-origin ${text}: not an origin — give scheme, host and port only, like http://localhost:5173`);
  return origin;
}
