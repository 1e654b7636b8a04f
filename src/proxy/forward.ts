import http from "node:http";
import https from "node:https";
import type { TransportErrorKind } from "../conformance/types.js";

/** A request as the client sent it: its header lines in order and case, its body's bytes. */
export interface RawRequest {
  method: string;
  /** Path and query as sent. */
  target: string;
  /** Name, value, name, value … as received. */
  rawHeaders: string[];
  body: Buffer;
}

/** The upstream's answer as it sent it. */
export interface RawResponse {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  body: Buffer;
}

export type ForwardOutcome = { response: RawResponse; durationMs: number } | { error: { kind: TransportErrorKind; message: string }; durationMs: number };

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1): each hop sets its own.
 * Everything else goes through as sent, in order and case.
 */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

/** The header lines minus the hop-by-hop ones and those the Connection header names. */
export function endToEndLines(rawHeaders: readonly string[]): string[] {
  const named = new Set<string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === "connection") for (const token of rawHeaders[i + 1]!.split(",")) named.add(token.trim().toLowerCase());
  }
  const kept: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name) && !named.has(name)) kept.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return kept;
}

export interface ForwarderOptions {
  timeoutMs: number;
  maxResponseBytes: number;
}

/**
 * Sends requests on to one upstream over keep-alive connections. The Host header becomes the
 * upstream's (its host guard answers only its own names); a body that came chunked gets the
 * Content-Length of the bytes read. Nothing else is added, and nothing is reformatted.
 */
export function createForwarder(upstream: URL, options: ForwarderOptions) {
  const secure = upstream.protocol === "https:";
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const prefix = upstream.pathname.replace(/\/+$/, "");
  return {
    forward(request: RawRequest): Promise<ForwardOutcome> {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const headers = upstreamHeaders(request, upstream.host);
      return new Promise((resolve) => {
        let settled = false;
        const finish = (outcome: ForwardOutcome) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          resolve(outcome);
        };
        const fail = (kind: TransportErrorKind, message: string) => finish({ error: { kind, message }, durationMs: elapsed() });
        const outgoing = (secure ? https : http).request(
          { agent, protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: request.method, path: `${prefix}${request.target}`, headers, setHost: false },
          (response) => {
            const chunks: Buffer[] = [];
            let size = 0;
            response.on("data", (chunk: Buffer) => {
              size += chunk.length;
              if (size > options.maxResponseBytes) {
                fail("too-large", `the upstream's response body exceeds ${options.maxResponseBytes} bytes`);
                response.destroy();
                return;
              }
              chunks.push(chunk);
            });
            response.on("end", () =>
              finish({ response: { status: response.statusCode ?? 0, statusMessage: response.statusMessage ?? "", rawHeaders: response.rawHeaders, body: Buffer.concat(chunks) }, durationMs: elapsed() }),
            );
            response.on("error", () => fail("reset", "the upstream reset the connection before a complete response"));
          },
        );
        const deadline = setTimeout(() => {
          fail("timeout", `no complete response from the upstream within ${options.timeoutMs / 1000} s`);
          outgoing.destroy();
        }, options.timeoutMs);
        outgoing.on("error", (error: Error & { code?: string }) => fail(...classify(error)));
        outgoing.end(request.body);
      });
    },
    close: () => agent.destroy(),
  };
}

/** The request's end-to-end header lines for the upstream: its Host first, and a Content-Length for a body that came chunked. */
function upstreamHeaders(request: RawRequest, host: string): string[] {
  const lines = endToEndLines(request.rawHeaders);
  const headers = ["Host", host];
  let hasLength = false;
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const name = lines[i]!.toLowerCase();
    if (name === "host") continue;
    if (name === "content-length") hasLength = true;
    headers.push(lines[i]!, lines[i + 1]!);
  }
  if (!hasLength && request.body.length > 0) headers.push("Content-Length", String(request.body.length));
  return headers;
}

function classify(error: Error & { code?: string }): [TransportErrorKind, string] {
  if (error.code === "ECONNREFUSED") return ["refused", "connection refused"];
  if (["ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"].includes(error.code ?? "")) return ["unreachable", `host not reachable (${error.code})`];
  if (error.code === "HPE_INVALID_CONSTANT" || error.code?.startsWith("HPE_")) return ["malformed", `malformed HTTP response (${error.code})`];
  return ["reset", `connection reset before a complete response (${error.code ?? error.message})`];
}
