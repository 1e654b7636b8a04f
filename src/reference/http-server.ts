import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describeCause, UserError } from "../errors.js";
import type { Operation } from "../contract/index.js";
import { createFaultInjector, type FaultSettings, type PlannedAnswer } from "./faults.js";
import { ADMIN_METHODS, adminAnswer, isAdminPath, resetAll } from "./admin.js";
import { createCorsPolicy, type CorsSettings } from "./cors.js";
import { createHostGuard } from "./host-guard.js";
import { createRequestJournal, type JournalEntry } from "./request-journal.js";
import { createRequestLogFormatter, createTargetRedactor } from "./request-log.js";
import { responseProblems } from "./response-check.js";
import type { ReferenceApi, ReferenceRequest, ReferenceResponse, ResponseViolation } from "./types.js";

export interface ServeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Check every response against the contract and collect what breaks it (for tests). */
  checkResponses: boolean;
  maxBodyBytes?: number;
  /** Latency and random failures for API requests (never for anything else the server answers). */
  faults?: FaultSettings;
  /** CORS for pages on other origins: any origin unless restricted; `false` turns it off. */
  cors?: CorsSettings | false;
  /** Receives one line per request (method, path, status, milliseconds); no logging without it. */
  log?: (line: string) => void;
  /** Host names answered besides IP addresses, localhost and `host` (src/reference/host-guard.ts). */
  allowedHosts?: string[];
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  /** Responses that broke the contract; always empty unless `checkResponses` is on. */
  violations: ResponseViolation[];
  /** What `POST /__archive-kit/reset` does: the API back at its fixtures, no planned answer, an empty journal. */
  reset(): void;
  /** What `POST /__archive-kit/respond` does. */
  respond(answer: PlannedAnswer): { ok: true } | { ok: false; message: string };
  /** What `GET /__archive-kit/requests` answers. */
  requests(): JournalEntry[];
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Serves an API's reference logic over HTTP: parse → route → handle → (check) → send. */
export async function serve(api: ReferenceApi, options: ServeOptions): Promise<RunningServer> {
  const violations: ResponseViolation[] = [];
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const faults = createFaultInjector(api, options.faults);
  const cors = options.cors === false ? undefined : createCorsPolicy(api.contract, options.cors ?? {}, { requestHeaders: api.corsRequestHeaders, methods: ADMIN_METHODS });
  const formatLogLine = options.log ? createRequestLogFormatter(api.contract) : undefined;
  const hosts = createHostGuard(options.host, options.allowedHosts);
  const journal = createRequestJournal();
  const journalTarget = createTargetRedactor(api.contract);
  // Without CORS no page of another origin may change the state.
  const admin = { originAllowed: (origin: string) => cors?.allows(origin) ?? false, faults, journal };

  // Node would answer a missing Host itself, with a bare 400: the pipeline answers it in the API's envelope.
  const server = createServer({ requireHostHeader: false }, (incoming, outgoing) => {
    const startedAt = performance.now();
    // Set before any answer is written: every response, whichever path sends it, carries them.
    if (cors) for (const [name, value] of Object.entries(cors.headersFor(incoming.headers.origin))) outgoing.setHeader(name, value);
    const receivedAt = new Date().toISOString();
    outgoing.once("close", () => {
      const status = outgoing.headersSent ? outgoing.statusCode : undefined;
      const method = incoming.method ?? "";
      const target = incoming.url ?? "";
      if (options.log && formatLogLine) options.log(formatLogLine({ method, target, status, milliseconds: performance.now() - startedAt, headers: incoming.headers }));
      // The journal is of what the API was sent: not of the admin requests that read it.
      if (!isAdminPath(target.split("?")[0]!)) {
        const operationId = api.contract.match(method.toUpperCase(), target.split("?")[0]!)?.operation.operationId;
        journal.record({ method, target: journalTarget(target, incoming.headers), ...(operationId ? { operationId } : {}), ...(status === undefined ? {} : { status }), receivedAt });
      }
    });
    readBody(incoming, maxBodyBytes).then(async (rawBody) => {
      const request = parseRequest(incoming, rawBody ?? "");
      if (!request) return send(outgoing, api.failure(undefined, 400, "the request target must be a path"));
      if (incoming.httpVersion === "1.1" && incoming.headers.host === undefined) return send(outgoing, api.failure(request, 400, "the Host header is required in HTTP/1.1"), true);
      const refusedHost = hosts.refusal(request.headers.host);
      if (refusedHost) return send(outgoing, api.failure(request, 421, refusedHost), true);
      if (rawBody === undefined) return send(outgoing, api.failure(request, 400, `the request body exceeds ${maxBodyBytes} bytes`), true);
      // Preflights and admin requests are answered before routing: no credentials, no rate limit.
      const early = cors?.preflight(request) ?? adminAnswer(api, request, admin);
      if (early) return send(outgoing, early);
      const match = api.contract.match(request.method, request.path);
      if (!match) {
        const allow = api.contract.methodsAt(request.path).map((method) => method.toUpperCase());
        return send(outgoing, api.unrouted(request, allow));
      }
      const routed = { ...request, pathParams: match.pathParams };
      // Prefer, --latency and --fail-rate act here only: on requests routed to a documented operation.
      const response = withContentType(await faults.respond(routed, match.operation, () => answer(api, routed, match.operation, match.pathParams)));
      if (options.checkResponses) {
        for (const problem of responseProblems(api.contract, match.operation, response)) {
          violations.push({ operationId: match.operation.operationId, status: response.status, problem });
        }
      }
      send(outgoing, response);
    }, () => outgoing.destroy()).catch(() => failSafely(api, outgoing));
  });

  // Without this listener Node answers an Expect other than 100-continue with a bare 417.
  server.on("checkExpectation", (incoming: IncomingMessage, outgoing: ServerResponse) => {
    incoming.resume();
    try {
      send(outgoing, api.failure(undefined, 417, `Expect: ${incoming.headers.expect ?? ""} is not supported; only 100-continue is`), true);
    } catch {
      failSafely(api, outgoing);
    }
  });

  // Requests Node's HTTP parser rejects still get the API's error envelope, then the socket closes.
  server.on("clientError", (_error, socket) => {
    if (!socket.writable) return socket.destroy();
    const response = withContentType(api.failure(undefined, 400, "the request is not valid HTTP"));
    const body = JSON.stringify(response.body);
    const headers = Object.entries({ ...response.headers, "Content-Length": String(Buffer.byteLength(body)), Connection: "close" });
    socket.end(`HTTP/1.1 400 Bad Request\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n${body}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, options)));
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    host: options.host,
    violations,
    reset: () => resetAll(api, admin),
    respond: (answer) => faults.plan(answer),
    requests: () => journal.entries(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(api: ReferenceApi, request: ReferenceRequest, operation: Operation, pathParams: Record<string, string>): Promise<ReferenceResponse> {
  try {
    return await api.handle(request, operation, pathParams);
  } catch (error) {
    return api.failure(request, 500, describeCause(error));
  }
}

/** The body as text, or undefined when it is larger than allowed (the rest is not read). */
function readBody(incoming: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.removeAllListeners("data");
        incoming.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    incoming.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    incoming.on("error", reject);
  });
}

function parseRequest(incoming: IncomingMessage, rawBody: string): ReferenceRequest | undefined {
  const target = incoming.url ?? "";
  // Only origin-form targets ("/path?query"): an absolute or "//host" target must not pick a route.
  if (!target.startsWith("/") || target.startsWith("//")) return undefined;
  const queryAt = target.indexOf("?");
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return {
    method: (incoming.method ?? "GET").toUpperCase(),
    path: queryAt === -1 ? target : target.slice(0, queryAt),
    target,
    query: new URLSearchParams(queryAt === -1 ? "" : target.slice(queryAt + 1)),
    pathParams: {},
    headers,
    rawBody,
    contentType: headers["content-type"],
    remoteAddress: incoming.socket.remoteAddress ?? "",
  };
}

/** A JSON body gets `application/json; charset=utf-8` unless the API chose a content type. */
function withContentType(response: ReferenceResponse): ReferenceResponse {
  if (response.body === undefined || Object.keys(response.headers ?? {}).some((name) => name.toLowerCase() === "content-type")) return response;
  return { ...response, headers: { ...response.headers, "Content-Type": "application/json; charset=utf-8" } };
}

function send(outgoing: ServerResponse, reply: ReferenceResponse, closeAfter = false): void {
  const response = withContentType(reply);
  const body = response.body === undefined ? "" : JSON.stringify(response.body);
  const headers: Record<string, string> = { ...response.headers };
  headers["Content-Length"] = String(Buffer.byteLength(body));
  if (closeAfter) headers.Connection = "close";
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}

/**
 * Something threw outside the API's handler (serialising or writing the answer): a 500 in the
 * envelope when nothing was sent yet, else the connection is closed. Never the process.
 */
function failSafely(api: ReferenceApi, outgoing: ServerResponse): void {
  try {
    if (!outgoing.headersSent && !outgoing.destroyed) return send(outgoing, api.failure(undefined, 500, "the answer could not be sent"), true);
  } catch {
    // Even the error answer failed: closing the connection is all that is left.
  }
  outgoing.destroy();
}

function listenError(error: NodeJS.ErrnoException, options: ServeOptions): Error {
  if (error.code === "EADDRINUSE") {
    return new UserError(`port ${options.port} on ${options.host} is already in use — pass --port with a free port`);
  }
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
    return new UserError(`host ${options.host} is not an address of this machine — pass --host 127.0.0.1`);
  }
  if (error.code === "EACCES") {
    return new UserError(`port ${options.port} needs privileges — pass --port 1024 or higher`);
  }
  return new UserError(`cannot listen on ${options.host}:${options.port}: ${describeCause(error)}`);
}
