import { UserError } from "../errors.js";
import type { TestCredentials } from "../plugin.js";
import { normaliseOrigin, type CorsSettings } from "../reference/cors.js";
import { createReferenceEngine, type ReferenceEngine } from "../reference/engine.js";
import type { FaultSettings } from "../reference/faults.js";
import { fetchHandler } from "../reference/fetch-adapter.js";
import type { JournalEntry } from "../reference/request-journal.js";
import type { ReferenceLogic, ResponseViolation } from "../reference/types.js";

// What a running reference offers whatever carries it (a socket, the Fetch API in a page): no node:* here.

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

/** A reference behind the Fetch API, with no server: `fetch(request)` answers as the HTTP server would. */
export interface ReferenceFetch extends ReferenceControls {
  fetch(request: Request): Promise<Response>;
  /** The vendor's base URL: the contract's first server, or undefined when it names none. */
  vendorBaseUrl: string | undefined;
}

/** The settings the engine itself reads, whatever carries it. */
export type EngineSettings = Pick<ReferenceServerSettings, "checkResponses" | "cors" | "latencyMs" | "failRate" | "seed">;

/** An API's reference behind the Fetch API: its engine, with no Host refused (nothing can rebind a name to it). */
export function referenceFetch(name: string, api: ReferenceLogic, credentials: TestCredentials, options: EngineSettings): ReferenceFetch {
  const engine = createReferenceEngine(api, { checkResponses: options.checkResponses ?? false, cors: corsOf(options), faults: faultsOf(options) });
  const vendorBaseUrl = (api.contract.document.servers as Array<{ url?: string }> | undefined)?.[0]?.url;
  return { ...controlsOf(name, api, credentials, engine), fetch: fetchHandler(engine), vendorBaseUrl };
}

export function controlsOf(name: string, api: ReferenceLogic, credentials: TestCredentials, engine: ReferenceEngine): ReferenceControls {
  return {
    api: name,
    credentials,
    violations: engine.violations,
    state: () => api.state(),
    reset: engine.reset,
    respond: (answer) => engine.respond({ times: 1, ...answer }),
    requests: engine.requests,
    seed: (users) => api.seed?.(users) ?? { ok: false, message: `the ${name} reference cannot be seeded at run time` },
  };
}

export function corsOf(options: EngineSettings): CorsSettings | false {
  return options.cors === false ? false : { origins: options.cors?.origins?.map(corsOrigin), headers: options.cors?.headers };
}

export function faultsOf(options: EngineSettings): FaultSettings {
  return { latencyMs: options.latencyMs, failRate: options.failRate, seed: options.seed };
}

function corsOrigin(text: string): string {
  const origin = normaliseOrigin(text);
  if (!origin) throw new UserError(`CORS origin "${text}" is not an origin — give scheme, host and port only, like http://localhost:5173`);
  return origin;
}
