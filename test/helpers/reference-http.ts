import http, { type IncomingHttpHeaders } from "node:http";
import { afterEach, expect } from "vitest";
import type { ReferenceServer, ReferenceServerOptions } from "../../src/index.js";
import { useReferenceTransport } from "./reference-transport.js";

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
}

/**
 * A starter of reference servers that check their own responses against the contract; each
 * test's servers are closed after it, and a test fails if one of them broke the contract. Over
 * this run's transport (test/helpers/reference-transport.ts).
 */
export function checkedReferences(): (options: ReferenceServerOptions) => Promise<ReferenceServer> {
  const startReferenceServer = useReferenceTransport();
  const running: ReferenceServer[] = [];
  afterEach(async () => {
    const servers = running.splice(0);
    await Promise.all(servers.map((server) => server.close()));
    for (const server of servers) expect(server.violations).toEqual([]);
  });
  return async (options) => {
    const server = await startReferenceServer({ checkResponses: true, ...options });
    running.push(server);
    return server;
  };
}

/** One request through node:http, which (unlike fetch) sends exactly the headers given, Host included; a JSON answer is parsed. */
export function send(server: ReferenceServer, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // Looked up at call time (not a named import), so that MSW's interception of node:http applies.
    const outgoing = http.request(`${server.url}${target}`, { method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: incoming.statusCode!, headers: incoming.headers, body: text ? JSON.parse(text) : undefined });
      });
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
