import path from "node:path";
import { API_PLUGINS } from "../apis/plugins.js";
import type { ReferenceOptions, TestCredentials } from "../apis/plugin.js";
import { contractFile, fixturesDir, isApiName, type ApiName } from "../apis/registry.js";
import { loadContract } from "../contract/index.js";
import { UserError } from "../errors.js";
import { normaliseOrigin } from "../reference/cors.js";
import { serve } from "../reference/http-server.js";
import type { ResponseViolation } from "../reference/types.js";

export interface ReferenceServerOptions extends Partial<ReferenceOptions> {
  api: ApiName;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** A folder with the API's fixture files; the shipped `fixtures/<api>/` by default. */
  fixtures?: string;
  /** Check every response against the contract and collect violations (on in our tests). */
  checkResponses?: boolean;
  /** Delay every answer to an API request by this many milliseconds (0 to 10,000). */
  latencyMs?: number;
  /** Answer this share (0 to 1) of API requests with a documented 5xx or 429 of their operation, state untouched. */
  failRate?: number;
  /** Seeds `failRate`'s choices (0 to 2^32 − 1): the same seed and requests give the same failures. Random when left out. */
  seed?: number;
  /** CORS: on for any origin by default; `{ origins }` allows only those; `false` turns it off. */
  cors?: false | { origins?: string[] };
  /** Receives one line per request: method, path (secrets redacted), status, milliseconds. */
  log?: (line: string) => void;
}

export interface ReferenceServer {
  api: ApiName;
  url: string;
  port: number;
  /** TEST-ONLY credentials from the fixtures: the token, and for Dfns the credential id and key file. */
  credentials: TestCredentials;
  violations: ResponseViolation[];
  /** What `GET /__archive-kit/state` answers: users and their archive state (no tokens or keys). */
  state(): Record<string, unknown>;
  /** Returns to the fixtures the server started from, as `POST /__archive-kit/reset` does. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts the stateful reference server of an API, in-process. */
export async function startReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  if (!isApiName(options.api)) throw new UserError(`unknown API "${String(options.api)}" — use intercom or dfns`);
  const contract = await loadContract(contractFile(options.api));
  const { api, credentials } = API_PLUGINS[options.api].createReference(
    contract,
    options.fixtures ? path.resolve(options.fixtures) : fixturesDir(options.api),
    { now: options.now ?? Date.now, rateLimit: options.rateLimit, userActionTtlSeconds: options.userActionTtlSeconds },
  );
  const running = await serve(api, {
    cors: options.cors === false ? false : { origins: options.cors?.origins?.map(corsOrigin) },
    log: options.log,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    checkResponses: options.checkResponses ?? false,
    faults: { latencyMs: options.latencyMs, failRate: options.failRate, seed: options.seed },
  });
  return {
    api: options.api,
    url: running.url,
    port: running.port,
    credentials,
    violations: running.violations,
    state: () => api.state(),
    reset: () => api.reset(),
    close: running.close,
  };
}

function corsOrigin(text: string): string {
  const origin = normaliseOrigin(text);
  if (!origin) throw new UserError(`CORS origin "${text}" is not an origin — give scheme, host and port only, like http://localhost:5173`);
  return origin;
}
