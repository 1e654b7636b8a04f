import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request or response as the proxy sees it: header names lower-case, body as text. */
export interface ProxyRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * What the proxy does with a response: send it; wait `delayMs` before sending anything; send the
 * head at once and the body in four slices `trickleMs` apart; or send half the body and reset the connection.
 */
export type ProxyAnswer = ProxyResponse & { delayMs?: number; trickleMs?: number; reset?: boolean };

/** Sends a (possibly rewritten) request to the upstream server and resolves to its response. */
export type Forward = (request: ProxyRequest) => Promise<ProxyResponse>;

/**
 * Decides what the client gets for a request. The identity is `(request, forward) => forward(request)`;
 * a mutation rewrites the request before forwarding it and/or the response before returning it.
 */
export type Mutation = (request: ProxyRequest, forward: Forward) => Promise<ProxyAnswer>;

export const passThrough: Mutation = (request, forward) => forward(request);

export interface MutatingProxy {
  url: string;
  close(): Promise<void>;
}

/** Headers that describe one connection or one encoding of the body; the proxy sets its own. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

function endToEnd(headers: IncomingHttpHeaders | Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) kept[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return kept;
}

function forwardTo(upstream: string): Forward {
  return (request) =>
    new Promise((resolve, reject) => {
      const headers = { ...endToEnd(request.headers), ...(request.body ? { "content-length": String(Buffer.byteLength(request.body)) } : {}) };
      const outgoing = httpRequest(new URL(request.url, upstream), { method: request.method, headers, agent: false }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, headers: endToEnd(incoming.headers), body: Buffer.concat(chunks).toString("utf8") }));
      });
      outgoing.on("error", reject);
      outgoing.end(request.body || undefined);
    });
}

/** An HTTP proxy on a free loopback port that forwards every request to `upstream` through `mutation`. */
export async function startMutatingProxy(upstream: string, mutation: Mutation): Promise<MutatingProxy> {
  const forward = forwardTo(upstream);
  const server = createServer((incoming, outgoing) => {
    outgoing.on("error", () => {}); // the client may be gone (a timed-out request)
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", async () => {
      const request = { method: incoming.method ?? "GET", url: incoming.url ?? "/", headers: endToEnd(incoming.headers), body: Buffer.concat(chunks).toString("utf8") };
      let answer: ProxyAnswer;
      try {
        answer = await mutation(request, forward);
      } catch (error) {
        answer = { status: 502, headers: { "content-type": "text/plain" }, body: `mutating proxy: ${String(error)}` };
      }
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (outgoing.destroyed) return;
      const body = Buffer.from(answer.body, "utf8");
      outgoing.writeHead(answer.status, { ...answer.headers, "content-length": String(body.length) });
      if (answer.reset) {
        // Half the promised body, then the connection is gone.
        return void outgoing.write(body.subarray(0, Math.floor(body.length / 2)), () => outgoing.socket?.destroy());
      }
      if (answer.trickleMs) {
        outgoing.flushHeaders();
        const slice = Math.ceil(body.length / 4);
        for (let start = 0; start < body.length; start += slice) {
          await new Promise((resolve) => setTimeout(resolve, answer.trickleMs));
          if (outgoing.destroyed) return;
          outgoing.write(body.subarray(start, start + slice));
        }
      }
      outgoing.end(answer.trickleMs ? undefined : body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------- helpers for mutations

/** The response's body parsed as JSON (undefined when it is not JSON). */
export function jsonOf(response: ProxyResponse): any {
  try {
    return JSON.parse(response.body);
  } catch {
    return undefined;
  }
}

/** The response with another JSON body (and optionally another status); headers kept. */
export function withJson(response: ProxyResponse, body: unknown, status = response.status): ProxyResponse {
  return { ...response, status, body: JSON.stringify(body) };
}

/** The path of a request URL, without its query. */
export function pathOf(request: ProxyRequest): string {
  return new URL(request.url, "http://proxy.invalid").pathname;
}
