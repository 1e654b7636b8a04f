import http from "node:http";
import type { Socket } from "node:net";
import type { Dispatcher } from "undici";
import { combineHeaders } from "./http-headers.js";
import type { Exchange, TransportErrorKind } from "./types.js";

/** What one exchange came to, before the transport adds the request and the duration. */
export type ExchangeOutcome = Omit<Exchange, "request" | "durationMs">;

export interface ExchangeRequest {
  method: string;
  /** Path and query on the dispatcher's origin. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ExchangeOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  /** Informational (1xx) answers tolerated before the final one. */
  maxInformational: number;
  /** The connection the dispatcher writes the request on (known once it is written). */
  connection: () => Socket | undefined;
}

/** An exchange's outcome, and whether the implementation sent any byte back during it. */
export interface SettledExchange {
  outcome: ExchangeOutcome;
  answered: boolean;
}

/**
 * Sends one request through an undici dispatcher that follows no redirects, and reads the whole
 * answer, within one deadline for the whole exchange: a server trickling bytes cannot stretch it.
 * Never rejects: every way an exchange can go wrong is an outcome with an error kind.
 * Throws synchronously, without sending, for a request undici refuses to build (a header value
 * with a line break, a header undici manages itself).
 */
export function sendExchange(dispatcher: Dispatcher, request: ExchangeRequest, options: ExchangeOptions): Promise<SettledExchange> {
  let settle!: (settled: SettledExchange) => void;
  const settledExchange = new Promise<SettledExchange>((resolve) => (settle = resolve));
  let settled = false;
  let abort: ((error?: Error) => void) | undefined;
  let socket: Socket | undefined;
  let bytesBefore = 0;
  let status = 0;
  let rawHeaders: Buffer[] = [];
  let informational = 0;
  const chunks: Buffer[] = [];
  let size = 0;
  let dispatching = true;
  let refused: Error | undefined;

  const finish = (outcome: ExchangeOutcome) => {
    if (settled) return;
    settled = true;
    clearTimeout(deadline);
    // Any byte back means something listens there: a broken answer is judged, not taken for "not running".
    settle({ outcome, answered: status > 0 || (socket !== undefined && socket.bytesRead > bytesBefore) || outcome.error?.kind === "malformed" });
  };
  const fail = (kind: TransportErrorKind, message: string) => finish({ error: { kind, message } });
  const stop = (kind: TransportErrorKind, message: string) => {
    fail(kind, message);
    abort?.();
  };

  const handler: Dispatcher.DispatchHandler = {
    onConnect(abortRequest) {
      abort = abortRequest;
      socket = options.connection();
      bytesBefore = socket?.bytesRead ?? 0;
    },
    onHeaders(statusCode, headers) {
      if (statusCode < 200) {
        if (++informational > options.maxInformational) {
          stop("malformed", `malformed HTTP response: more than ${options.maxInformational} informational responses (last ${statusCode}) and no final one`);
          return false;
        }
        return true;
      }
      status = statusCode;
      rawHeaders = headers as unknown as Buffer[];
      return true;
    },
    onData(chunk) {
      size += chunk.length;
      if (size > options.maxResponseBytes) {
        stop("too-large", `the response body exceeds ${options.maxResponseBytes} bytes`);
        return false;
      }
      chunks.push(chunk);
      return true;
    },
    onComplete() {
      // The parser goes on with any bytes after this response once this returns: only then is it
      // known whether the connection carried more than the response declared.
      queueMicrotask(() => {
        const surplus = socket?.errored;
        if (surplus && isParseFailure(surplus)) return fail("malformed", "malformed HTTP response: bytes past the end of the response (its Content-Length or chunked framing)");
        finish(responseOutcome(status, combineHeaders(rawHeaders), Buffer.concat(chunks)));
      });
    },
    onError(error) {
      // undici reports a request it cannot build here, before dispatch returns.
      if (dispatching && isRefusedRequest(error)) refused = error;
      else finish({ error: classify(error) });
    },
  };

  const deadline = setTimeout(() => stop("timeout", `no complete response within ${options.timeoutMs / 1000} s`), options.timeoutMs);
  dispatcher.dispatch({ method: request.method, path: request.path, headers: request.headers, body: request.body }, handler);
  dispatching = false;
  if (refused) {
    clearTimeout(deadline);
    throw refused;
  }
  return settledExchange;
}

/** A complete response's outcome: its text (or why it is not UTF-8), its JSON, and a redirect it asks for. */
export function responseOutcome(status: number, headers: Record<string, string>, body: Buffer): ExchangeOutcome {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return { response: { status, headers, text: body.toString("latin1"), json: undefined }, error: { kind: "malformed", message: "the response body is not valid UTF-8" } };
  }
  const response = { status, headers, text, json: parseJson(text) };
  if (status >= 300 && status < 400 && headers.location) {
    return { response, error: { kind: "redirect", message: `redirected to ${headers.location} (redirects are not followed)` } };
  }
  return { response };
}

/** A body's JSON, or undefined when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type CodedError = Error & { code?: string };

/** undici's refusals to build a request (invalid or self-managed headers, an invalid method). */
function isRefusedRequest(error: CodedError): boolean {
  return error.code === "UND_ERR_INVALID_ARG" || error.code === "UND_ERR_NOT_SUPPORTED";
}

/** undici's parser refusing the bytes (its errors carry no llhttp code, only the reason). */
function isParserError(error: CodedError): boolean {
  return error.name === "HTTPParserError";
}

/** How undici ends a connection that sent bytes no request asked for. */
function isParseFailure(error: CodedError): boolean {
  return isParserError(error) || (error.code === "UND_ERR_SOCKET" && error.message === "bad response");
}

const UNREACHABLE = new Set(["ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** What went wrong, as the reports word it. */
function classify(error: CodedError): { kind: TransportErrorKind; message: string } {
  const malformed = (message: string) => ({ kind: "malformed" as const, message: `malformed HTTP response${message}` });
  const socketFailure = error.code === "UND_ERR_SOCKET" ? error.message : undefined;
  if (error.code === "ECONNREFUSED") return { kind: "refused", message: "connection refused" };
  if (UNREACHABLE.has(error.code ?? "")) return { kind: "unreachable", message: `host not reachable (${error.code})` };
  // undici's limit is node:http's, and so is the name of the failure.
  if (error.code === "UND_ERR_HEADERS_OVERFLOW") return malformed(` (HPE_HEADER_OVERFLOW: the headers exceed ${http.maxHeaderSize} bytes)`);
  if (error.code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH") return malformed(": the body's length differs from its Content-Length");
  if (socketFailure === "bad upgrade") return malformed(": 101 Switching Protocols to a request that asked for no upgrade");
  if (socketFailure === "bad response") return malformed(": an answer no request asked for (100 Continue unasked, or bytes past a response)");
  if (isParserError(error)) return malformed(` (${/^Response does not match the HTTP\/1\.1 protocol \((.*)\)$/.exec(error.message)?.[1] ?? error.message})`);
  // Cut short by a FIN or a RST alike: node:http called both ECONNRESET, and so do the reports.
  const cause = socketFailure === "other side closed" ? "ECONNRESET" : (socketFailure ?? error.code ?? error.message);
  return { kind: "reset", message: `connection reset before a complete response (${cause})` };
}
