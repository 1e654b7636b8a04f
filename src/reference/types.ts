import type { Contract, IncomingRequestParts, Operation } from "../contract/index.js";

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
export interface ReferenceApi {
  contract: Contract;
  /** Answers a request that addresses a documented operation. */
  handle(request: ReferenceRequest, operation: Operation, pathParams: Record<string, string>): ReferenceResponse | Promise<ReferenceResponse>;
  /** Answers a request no operation matches: 404 when `allow` is empty, else 405 with `Allow`. */
  unrouted(request: ReferenceRequest, allow: string[]): ReferenceResponse;
  /** Answers a request the pipeline itself rejects (too large, unreadable, no Host, an unknown Expect: 417) or a handler bug. */
  failure(request: ReferenceRequest | undefined, status: 400 | 417 | 500, message: string): ReferenceResponse;
  /** The state a frontend test may inspect (users and whether they are archived): JSON, never tokens or keys. */
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
