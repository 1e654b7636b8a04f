import path from "node:path";
import { loadContract } from "../contract/index.js";
import { UserError } from "../errors.js";
import type { ApiPlugin, TestCredentials } from "../plugin.js";
import { normaliseOrigin } from "../reference/cors.js";
import { serve } from "../reference/http-server.js";
import type { JournalEntry } from "../reference/request-journal.js";
import type { CorsSettings } from "../reference/cors.js";
import { createReferenceEngine, type ReferenceEngine } from "../reference/engine.js";
import type { FaultSettings } from "../reference/faults.js";
import { fetchHandler } from "../reference/fetch-adapter.js";
import type { ReferenceApi, ResponseViolation } from "../reference/types.js";

export interface ReferenceServerSettings {
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now?: () => number;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** A folder with the API's fixture files; the plugin's shipped fixtures by default. */
  fixtures?: string;
  /** Check every response against the contract and collect violations (on in our tests). */
  checkResponses?: boolean;
  /** Delay every answer to an API request by this many milliseconds (0 to 10,000). */
  latencyMs?: number;
  /** Answer this share (0 to 1) of API requests with a documented 5xx or 429 of their operation, state untouched. */
  failRate?: number;
  /** Seeds `failRate`'s choices (0 to 2^32 − 1): the same seed and requests give the same failures. Random when left out. */
  seed?: number;
  /** CORS: on for any origin and any request header by default; `{ origins, headers }` restricts them; `false` turns it off. */
  cors?: false | { origins?: string[]; headers?: string[] };
  /** Receives one line per request: method, path (secrets redacted), status, milliseconds. */
  log?: (line: string) => void;
  /** Host names answered besides IP addresses, localhost and `host`; any other Host gets a 421 (DNS rebinding). */
  allowedHosts?: string[];
  /** The API's own settings (e.g. `rateLimit`), read by its plugin; unknown ones are ignored. */
  [setting: string]: unknown;
}

/** What a test controls and reads of a running reference, whatever its transport. */
export interface ReferenceControls {
  api: string;
  /** TEST-ONLY credentials from the fixtures: the token, and whatever else the API needs (a credential id and key file). */
  credentials: TestCredentials;
  violations: ResponseViolation[];
  /** What `GET /__archive-kit/state` answers: users and their archive state (no tokens or keys). */
  state(): Record<string, unknown>;
  /** Returns to the fixtures the server started from, forgetting planned answers and the journal, as `POST /__archive-kit/reset` does. */
  reset(): void;
  /** Plans a documented answer for an operation's next requests, as `POST /__archive-kit/respond` does; an undocumented one is refused, naming what exists. */
  respond(answer: { operationId: string; status: number; example?: string; times?: number }): { ok: true } | { ok: false; message: string };
  /** The requests received, as `GET /__archive-kit/requests` answers them. */
  requests(): JournalEntry[];
  /** Adds users, each checked against the contract, all or none, as `POST /__archive-kit/seed` does. */
  seed(users: unknown[]): { ok: true } | { ok: false; message: string };
}

export interface ReferenceServer extends ReferenceControls {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A reference behind the Fetch API, with no server: `fetch(request)` answers as the HTTP server would. */
export interface ReferenceFetch extends ReferenceControls {
  fetch(request: Request): Promise<Response>;
  /** The vendor's base URL: the contract's first server, or undefined when it names none. */
  vendorBaseUrl: string | undefined;
}

/** Starts an API's stateful reference server in-process; also resolves to the fixtures it read, once. */
export async function startReference(plugin: ApiPlugin, options: ReferenceServerSettings): Promise<{ server: ReferenceServer; fixtures: unknown }> {
  const { api, credentials, fixtures } = await createReferenceApi(plugin, options);
  const running = await serve(api, {
    cors: corsOf(options),
    log: options.log,
    allowedHosts: options.allowedHosts,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    checkResponses: options.checkResponses ?? false,
    faults: faultsOf(options),
  });
  const server: ReferenceServer = { ...controlsOf(plugin, api, credentials, running.engine), url: running.url, port: running.port, close: running.close };
  return { server, fixtures };
}

/**
 * An API's stateful reference behind the Fetch API, in-process and with no server: the engine the
 * HTTP server runs, for MSW handlers and tests. No Host is refused: nothing can rebind a name to
 * it. The settings are the server's; those of a listening socket (port, host, log) do not apply.
 */
export async function createReferenceFetch(plugin: ApiPlugin, options: ReferenceServerSettings): Promise<ReferenceFetch> {
  const { api, credentials } = await createReferenceApi(plugin, options);
  const engine = createReferenceEngine(api, { checkResponses: options.checkResponses ?? false, cors: corsOf(options), faults: faultsOf(options) });
  const vendorBaseUrl = (api.contract.document.servers as Array<{ url?: string }> | undefined)?.[0]?.url;
  return { ...controlsOf(plugin, api, credentials, engine), fetch: fetchHandler(engine), vendorBaseUrl };
}

async function createReferenceApi(plugin: ApiPlugin, options: ReferenceServerSettings) {
  const contract = await loadContract(plugin.contractFile);
  const fixtures = plugin.loadFixtures(options.fixtures ? path.resolve(options.fixtures) : plugin.fixturesDir, contract);
  return { ...plugin.reference.create(contract, fixtures, { now: options.now ?? Date.now, settings: options }), fixtures };
}

function controlsOf(plugin: ApiPlugin, api: ReferenceApi, credentials: TestCredentials, engine: ReferenceEngine): ReferenceControls {
  return {
    api: plugin.name,
    credentials,
    violations: engine.violations,
    state: () => api.state(),
    reset: engine.reset,
    respond: (answer) => engine.respond({ times: 1, ...answer }),
    requests: engine.requests,
    seed: (users) => api.seed?.(users) ?? { ok: false, message: `the ${plugin.name} reference cannot be seeded at run time` },
  };
}

function corsOf(options: ReferenceServerSettings): CorsSettings | false {
  return options.cors === false ? false : { origins: options.cors?.origins?.map(corsOrigin), headers: options.cors?.headers };
}

function faultsOf(options: ReferenceServerSettings): FaultSettings {
  return { latencyMs: options.latencyMs, failRate: options.failRate, seed: options.seed };
}

function corsOrigin(text: string): string {
  const origin = normaliseOrigin(text);
  if (!origin) throw new UserError(`CORS origin "${text}" is not an origin — give scheme, host and port only, like http://localhost:5173`);
  return origin;
}
