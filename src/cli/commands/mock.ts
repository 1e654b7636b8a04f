import { randomInt } from "node:crypto";
import path from "node:path";
import { API_PLUGINS } from "../../apis/plugins.js";
import { contractFile, type ApiName } from "../../apis/registry.js";
import { startPrismMock } from "../../mock/prism.js";
import { startReferenceServer } from "../../mock/reference.js";
import { UserError } from "../../errors.js";
import { normaliseOrigin } from "../../reference/cors.js";
import type { Io } from "../program.js";

export interface MockOptions {
  port?: number;
  host: string;
  dynamic?: boolean;
  stateful?: boolean;
  fixtures?: string;
  rateLimit?: number;
  latency?: number;
  failRate?: number;
  seed?: number;
  /** False with --no-cors. */
  cors: boolean;
  corsOrigin?: string[];
  quiet?: boolean;
}

/** Starts a mock and keeps it running until the process is interrupted. */
export async function mockCommand(api: ApiName, options: MockOptions, io: Io): Promise<number> {
  const plugin = API_PLUGINS[api];
  const port = options.port ?? plugin.defaultPrismPort;
  const contract = path.relative(process.cwd(), contractFile(api));
  let close: () => Promise<void>;

  if (options.stateful) {
    // A failing run can be repeated: the seed is always chosen here, and shown.
    const seed = options.failRate ? (options.seed ?? randomInt(2 ** 31)) : options.seed;
    const server = await startReferenceServer({
      api,
      port,
      host: options.host,
      fixtures: options.fixtures,
      rateLimit: options.rateLimit ? { limit: options.rateLimit, windowSeconds: 60 } : undefined,
      latencyMs: options.latency,
      failRate: options.failRate,
      seed,
      cors: options.cors ? { origins: options.corsOrigin?.map(corsOriginFlag) } : false,
      log: options.quiet ? undefined : io.out,
    });
    close = server.close;
    io.out(`${api} reference server (stateful, ${contract}) listening on ${server.url}`);
    io.out(`TEST-ONLY credentials: ${Object.entries(server.credentials).map(([name, value]) => `${name} ${value}`).join(", ")}`);
    for (const line of plugin.mockHint(server.url, server.credentials)) io.out(line);
    io.out(`Admin (no credentials): GET ${server.url}/__archive-kit/state, POST ${server.url}/__archive-kit/reset`);
    io.out(options.cors ? `CORS: ${options.corsOrigin ? `only ${options.corsOrigin.map(corsOriginFlag).join(", ")}` : "any origin"}` : "CORS: off (--no-cors)");
    if (options.latency) io.out(`Every API answer is delayed by ${options.latency} ms (--latency).`);
    if (options.failRate) io.out(`${Math.round(options.failRate * 1000) / 10}% of API requests answer a documented 5xx or 429 at random, state untouched (--fail-rate ${options.failRate} --seed ${seed} repeats them).`);
  } else {
    const mock = await startPrismMock({ api, port, host: options.host, dynamic: options.dynamic, cors: options.cors, log: options.quiet ? undefined : io.out });
    close = mock.close;
    io.out(`${api} Prism mock (stateless${options.dynamic ? ", dynamic" : ""}, ${contract}) listening on ${mock.url}`);
    io.out(`Try: ${plugin.archiveCurl(mock.url)}`);
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

function corsOriginFlag(text: string): string {
  const origin = normaliseOrigin(text);
  if (!origin) throw new UserError(`--cors-origin ${text}: not an origin — give scheme, host and port only, like http://localhost:5173`);
  return origin;
}
