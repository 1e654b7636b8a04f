import type { Contract, IncomingRequestParts, Operation } from "../contract/core.js";

/** A parsed HTTP request as a reference server's API logic receives it. */
export interface ReferenceRequest extends IncomingRequestParts {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The path with the query string, as the client sent it. */
  target: string;
  remoteAddress: string;
}

export interface ReferenceResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; no body when undefined. */
  body?: unknown;
}

/** What one API plugs into the shared reference-server pipeline. */
export interface ReferenceLogic {
  contract: Contract;
  /** Answers a request that addresses a documented operation. */
  handle(request: ReferenceRequest, operation: Operation, pathParams: Record<string, string>): ReferenceResponse | Promise<ReferenceResponse>;
  /** Answers a request no operation matches: 404 when `allow` is empty, else 405 with `Allow`. */
  unrouted(request: ReferenceRequest, allow: string[]): ReferenceResponse;
  /**
   * Answers a request the pipeline itself rejects, in the API's error envelope: too large or
   * unreadable (400), an admin request from a page CORS does not allow (403) or without a JSON
   * content type (415), an unknown Expect (417), a Host the server does not answer (421); or a
   * handler bug (500).
   */
  failure(request: ReferenceRequest | undefined, status: 400 | 403 | 415 | 417 | 421 | 500, message: string): ReferenceResponse;
  /**
   * Fits an answer that `Prefer` or `--fail-rate` forced to the server's state, without changing
   * it: a forced 429 with the caller's real rate-limit window, say (none: served as documented).
   */
  forced?(request: ReferenceRequest, response: ReferenceResponse): ReferenceResponse;
  /**
   * Adds the users a test seeds (`POST /__archive-kit/seed`), each checked against the contract,
   * all or none: a refusal says which user and field, and leaves the state as it was. Absent: the
   * API's reference cannot be seeded at run time.
   */
  seed?(users: unknown[]): { ok: true } | { ok: false; message: string };
  /** The users and their archive state as JSON, for a page that keeps its mock's state across reloads (`persist`). Absent: nothing is kept. */
  snapshot?(): unknown;
  /** Replaces the users with a snapshot's; a refusal says what is wrong and leaves the state as it was. */
  restore?(snapshot: unknown): { ok: true } | { ok: false; message: string };
  /**
   * The state a frontend test may inspect, served as `GET /__archive-kit/state` and by
   * `startReferenceServer(…).state()`: JSON, never a token or key. Shape: `{ users: [{ archived,
   * user }] }`, each `user` as the API answers it and `archived` whether it is archived (soft
   * deleted); an API may add what else a test needs (an application id, counts of pending
   * challenges), never a secret.
   */
  state(): Record<string, unknown>;
  /** Returns to the fixtures the server started from, and forgets rate-limit windows and pending challenges. */
  reset(): void;
  /** Request headers the API's callers send beyond what the contract documents (allowed in CORS preflights). */
  corsRequestHeaders?: string[];
}

/** A response that broke the contract (only collected when response checking is on). */
export interface ResponseViolation {
  operationId: string;
  status: number;
  problem: string;
}
