import { describeCause } from "../errors.js";
import type { Operation } from "../contract/core.js";
import { ADMIN_METHODS, adminAnswer, isAdminPath, resetAll } from "./admin.js";
import { createCorsPolicy, type CorsSettings } from "./cors.js";
import { createFaultInjector, type FaultSettings, type PlannedAnswer } from "./faults.js";
import { createHostGuard } from "./host-guard.js";
import { createRequestJournal, type JournalEntry } from "./request-journal.js";
import { createTargetRedactor } from "./request-log.js";
import { responseProblems } from "./response-check.js";
import type { ReferenceLogic, ReferenceRequest, ReferenceResponse, ResponseViolation } from "./types.js";

/** A request as any transport hands it over: node:http, a Fetch API `Request` (MSW), a test. */
export interface EngineRequest {
  method: string;
  /** The request target as sent: path and query. */
  target: string;
  /** Header values by lower-case name. */
  headers: Record<string, string | undefined>;
  /** The body as text; undefined when it was larger than `maxBodyBytes` (the transport stopped reading). */
  body: string | undefined;
  remoteAddress: string;
  /** "1.1" obliges a Host header; other versions, and transports without one, do not. */
  httpVersion?: string;
}

export interface EngineAnswer {
  /** With its content type and CORS headers. */
  response: ReferenceResponse;
  /** The request was malformed: the transport should close the connection after answering. */
  closeConnection: boolean;
}

export interface EngineOptions {
  /** Check every response against the contract and collect what breaks it (for tests). */
  checkResponses: boolean;
  maxBodyBytes?: number;
  /** Latency and random failures for API requests (never for anything else the engine answers). */
  faults?: FaultSettings;
  /** CORS for pages on other origins: any origin unless restricted; `false` turns it off. */
  cors?: CorsSettings | false;
  /** The Host names answered (src/reference/host-guard.ts); none given: any Host (an in-page mock has no rebinding to fear). */
  hosts?: { listen: string; allowed?: string[] };
}

export interface ReferenceEngine {
  handle(request: EngineRequest): Promise<EngineAnswer>;
  /** The API's envelope for what a transport refuses before the engine sees a request (unparseable HTTP, an unknown Expect). */
  failure(status: 400 | 417 | 500, message: string): ReferenceResponse;
  maxBodyBytes: number;
  /** Responses that broke the contract; always empty unless `checkResponses` is on. */
  violations: ResponseViolation[];
  /** What `POST /__archive-kit/reset` does: the API back at its fixtures, no planned answer, an empty journal. */
  reset(): void;
  /** What `POST /__archive-kit/respond` does. */
  respond(answer: PlannedAnswer): { ok: true } | { ok: false; message: string };
  /** What `GET /__archive-kit/requests` answers. */
  requests(): JournalEntry[];
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The reference pipeline with no transport: parse → guard the Host → preflight or admin → route →
 * (Prefer, planned answers, faults) → handle → (check) → CORS headers. No `node:*` module: the
 * node:http server and the Fetch API adapter both hand requests to it.
 */
export function createReferenceEngine(api: ReferenceLogic, options: EngineOptions): ReferenceEngine {
  const violations: ResponseViolation[] = [];
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const faults = createFaultInjector(api, options.faults);
  const cors = options.cors === false ? undefined : createCorsPolicy(api.contract, options.cors ?? {}, { requestHeaders: api.corsRequestHeaders, methods: ADMIN_METHODS });
  const hosts = options.hosts && createHostGuard(options.hosts.listen, options.hosts.allowed);
  const journal = createRequestJournal();
  const journalTarget = createTargetRedactor(api.contract);
  // Without CORS no page of another origin may change the state.
  const admin = { originAllowed: (origin: string) => cors?.allows(origin) ?? false, faults, journal };

  /** The answer to a parsed request, and whether the connection should close after it. */
  const answerOf = async (request: ReferenceRequest, incoming: EngineRequest): Promise<{ response: ReferenceResponse; close?: boolean; operation?: Operation }> => {
    if (incoming.httpVersion === "1.1" && incoming.headers.host === undefined) return { response: api.failure(request, 400, "the Host header is required in HTTP/1.1"), close: true };
    const refusedHost = hosts?.refusal(incoming.headers.host);
    if (refusedHost) return { response: api.failure(request, 421, refusedHost), close: true };
    if (incoming.body === undefined) return { response: api.failure(request, 400, `the request body exceeds ${maxBodyBytes} bytes`), close: true };
    // Preflights and admin requests are answered before routing: no credentials, no rate limit.
    const early = cors?.preflight(request) ?? adminAnswer(api, request, admin);
    if (early) return { response: early };
    const match = api.contract.match(request.method, request.path);
    if (!match) return { response: api.unrouted(request, api.contract.methodsAt(request.path).map((method) => method.toUpperCase())) };
    const routed = { ...request, pathParams: match.pathParams };
    // Prefer, planned answers, --latency and --fail-rate act here only: on requests routed to a documented operation.
    const response = withContentType(await faults.respond(routed, match.operation, () => handled(api, routed, match.operation, match.pathParams)));
    if (options.checkResponses) {
      for (const problem of responseProblems(api.contract, match.operation, response)) violations.push({ operationId: match.operation.operationId, status: response.status, problem });
    }
    return { response, operation: match.operation };
  };

  return {
    maxBodyBytes,
    violations,
    async handle(incoming) {
      const receivedAt = new Date().toISOString();
      const request = parseRequest(incoming);
      const answer = request ? await answerOf(request, incoming) : { response: api.failure(undefined, 400, "the request target must be a path"), close: false };
      // The journal is of what the API was sent: not of the admin requests that read it.
      if (!isAdminPath(incoming.target.split("?")[0]!)) {
        const operationId = answer.operation?.operationId;
        journal.record({ method: incoming.method, target: journalTarget(incoming.target, incoming.headers), ...(operationId ? { operationId } : {}), status: answer.response.status, receivedAt });
      }
      const response = withContentType(answer.response);
      // Every answer carries them, whichever path produced it.
      const corsHeaders = cors?.headersFor(incoming.headers.origin) ?? {};
      return { response: { ...response, headers: { ...corsHeaders, ...response.headers } }, closeConnection: answer.close ?? false };
    },
    failure: (status, message) => withContentType(api.failure(undefined, status, message)),
    reset: () => resetAll(api, admin),
    respond: (answer) => faults.plan(answer),
    requests: () => journal.entries(),
  };
}

async function handled(api: ReferenceLogic, request: ReferenceRequest, operation: Operation, pathParams: Record<string, string>): Promise<ReferenceResponse> {
  try {
    return await api.handle(request, operation, pathParams);
  } catch (error) {
    return api.failure(request, 500, describeCause(error));
  }
}

function parseRequest(incoming: EngineRequest): ReferenceRequest | undefined {
  const target = incoming.target;
  // Only origin-form targets ("/path?query"): an absolute or "//host" target must not pick a route.
  if (!target.startsWith("/") || target.startsWith("//")) return undefined;
  const queryAt = target.indexOf("?");
  return {
    method: incoming.method.toUpperCase(),
    path: queryAt === -1 ? target : target.slice(0, queryAt),
    target,
    query: new URLSearchParams(queryAt === -1 ? "" : target.slice(queryAt + 1)),
    pathParams: {},
    headers: incoming.headers,
    rawBody: incoming.body ?? "",
    contentType: incoming.headers["content-type"],
    remoteAddress: incoming.remoteAddress,
  };
}

/** A JSON body gets `application/json; charset=utf-8` unless the API chose a content type. */
function withContentType(response: ReferenceResponse): ReferenceResponse {
  if (response.body === undefined || Object.keys(response.headers ?? {}).some((name) => name.toLowerCase() === "content-type")) return response;
  return { ...response, headers: { ...response.headers, "Content-Type": "application/json; charset=utf-8" } };
}
