import http from "node:http";
import https from "node:https";
import { secretHeaderSet } from "../contract/index.js";
import { resolveTarget } from "./request.js";
import type { Exchange, TransportErrorKind } from "./types.js";

export interface TransportOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  /** Credential headers besides the generic ones (the API plugin's): masked in reports. */
  secretHeaders?: readonly string[];
}

export interface OutgoingRequest {
  method: string;
  /** Path and query, relative to the base URL. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** Headers as reports may show them: credentials keep their scheme, never their value. */
export function maskHeaders(headers: Record<string, string>, secretHeaders: ReadonlySet<string> = secretHeaderSet()): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      if (!secretHeaders.has(name.toLowerCase())) return [name, value];
      const scheme = /^(Bearer|Basic)\s/i.exec(value)?.[1];
      return [name, scheme ? `${scheme} ***` : "***"];
    }),
  );
}

/** The longest exchange deadline: an hour, well inside what a Node timer can hold (2^31-1 ms). */
export const MAX_TIMEOUT_MS = 3_600_000;

/** Informational (1xx) answers tolerated before the final one; a server sending more is broken. */
export const MAX_INFORMATIONAL_RESPONSES = 10;

/** One HTTP client per run: never following redirects, one connection per exchange. */
export function createTransport(baseUrl: string, options: TransportOptions) {
  // A longer timer would overflow and fire at once, failing every request in 1 ms.
  if (!(options.timeoutMs >= 1 && options.timeoutMs <= MAX_TIMEOUT_MS)) throw new RangeError(`timeoutMs must be from 1 to ${MAX_TIMEOUT_MS}, not ${options.timeoutMs}`);
  const base = new URL(baseUrl);
  const secretHeaders = secretHeaderSet(options.secretHeaders);
  const client = base.protocol === "https:" ? https : http;
  // No keep-alive: each exchange is judged on its own connection, so bytes a server sends past a
  // response's Content-Length, or a server closing an idle connection, never fail the next case.
  const agent = new client.Agent({ keepAlive: false });
  let answered = 0;
  let attempted = 0;
  let connected = 0;

  return {
    close: () => agent.destroy(),
    /**
     * How many requests got any bytes back, a well-formed response or not (0: the implementation
     * was never reached). A server answering garbage was reached; it is judged, not "not running".
     */
    answered: () => answered,
    /** How many requests were sent at all (a target refused before sending is not). */
    attempted: () => attempted,
    /** How many connections the implementation accepted: reached by TCP, whether it answered or not. */
    connected: () => connected,
    /** Sends one request; throws TargetOutsideBaseUrl, without sending, for a target that would leave the base URL. */
    send(outgoing: OutgoingRequest): Promise<Exchange> {
      const url = resolveTarget(base, outgoing.target);
      const started = performance.now();
      const request = { method: outgoing.method, url: url.toString(), target: outgoing.target, headers: maskHeaders(outgoing.headers, secretHeaders), body: outgoing.body ?? "" };
      const finish = (partial: Omit<Exchange, "request" | "durationMs">): Exchange => ({
        request,
        ...partial,
        durationMs: Math.round(performance.now() - started),
      });
      const fail = (kind: TransportErrorKind, message: string) => finish({ error: { kind, message } });

      const headers = { ...outgoing.headers };
      if (outgoing.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(outgoing.body));

      return new Promise((settle) => {
        let settled = false;
        const resolve = (exchange: Exchange) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          // Any byte back means something listens there: a broken answer is judged, not taken for "not running".
          if ((clientRequest.socket?.bytesRead ?? 0) > 0) answered++;
          settle(exchange);
        };
        // Throws synchronously (before the deadline exists) on a header value Node refuses to send.
        const clientRequest = client.request(url, { method: outgoing.method, headers, agent }, (incoming) => {
          const chunks: Buffer[] = [];
          let size = 0;
          incoming.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > options.maxResponseBytes) {
              clientRequest.destroy();
              resolve(fail("too-large", `the response body exceeds ${options.maxResponseBytes} bytes`));
            } else chunks.push(chunk);
          });
          incoming.on("error", (error) => resolve(fail(errorKind(error), describe(error))));
          incoming.on("end", () => {
            if (size > options.maxResponseBytes) return;
            const status = incoming.statusCode ?? 0;
            const responseHeaders = Object.fromEntries(
              Object.entries(incoming.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]),
            );
            const body = Buffer.concat(chunks);
            let text: string;
            try {
              text = new TextDecoder("utf-8", { fatal: true }).decode(body);
            } catch {
              return resolve(finish({ response: { status, headers: responseHeaders, text: body.toString("latin1"), json: undefined }, error: { kind: "malformed", message: "the response body is not valid UTF-8" } }));
            }
            const response = { status, headers: responseHeaders, text, json: parseJson(text) };
            if (status >= 300 && status < 400 && responseHeaders.location) {
              return resolve(finish({ response, error: { kind: "redirect", message: `redirected to ${responseHeaders.location} (redirects are not followed)` } }));
            }
            resolve(finish({ response }));
          });
        });
        attempted++;
        clientRequest.on("socket", (socket) => socket.once("connect", () => connected++));
        let informational = 0;
        clientRequest.on("information", (info) => {
          if (++informational <= MAX_INFORMATIONAL_RESPONSES) return;
          clientRequest.destroy();
          resolve(fail("malformed", `malformed HTTP response: more than ${MAX_INFORMATIONAL_RESPONSES} informational responses (last ${info.statusCode}) and no final one`));
        });
        // Node hands a 101 to "upgrade" listeners and otherwise waits forever; no case asks for an upgrade.
        clientRequest.on("upgrade", (incoming, socket) => {
          socket.destroy();
          resolve(fail("malformed", `malformed HTTP response: ${incoming.statusCode} Switching Protocols to a request that asked for no upgrade`));
        });
        clientRequest.on("error", (error) => resolve(fail(errorKind(error), describe(error))));
        // One deadline for the whole exchange: a server trickling bytes cannot stretch it.
        const deadline = setTimeout(() => {
          resolve(fail("timeout", `no complete response within ${options.timeoutMs / 1000} s`));
          clientRequest.destroy();
        }, options.timeoutMs);
        clientRequest.end(outgoing.body);
      });
    },
  };
}

export type Transport = ReturnType<typeof createTransport>;

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorKind(error: NodeJS.ErrnoException): TransportErrorKind {
  switch (error.code) {
    case "ECONNREFUSED":
      return "refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "unreachable";
    case "ECONNRESET":
    case "EPIPE":
      return "reset";
    default:
      return error.code?.startsWith("HPE_") ? "malformed" : "reset";
  }
}

function describe(error: NodeJS.ErrnoException): string {
  switch (errorKind(error)) {
    case "refused":
      return "connection refused";
    case "unreachable":
      return `host not reachable (${error.code})`;
    case "malformed":
      if (error.code === "HPE_HEADER_OVERFLOW") return `malformed HTTP response (${error.code}: the headers exceed ${http.maxHeaderSize} bytes)`;
      return `malformed HTTP response (${error.code}: ${error.message})`;
    default:
      return `connection reset before a complete response (${error.code ?? error.message})`;
  }
}
