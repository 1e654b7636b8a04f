import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { runConformance } from "../../src/wiring.js";

/*
 * The transport keeps a connection alive within a case and never across cases: each case's
 * requests share one connection, which no other case uses.
 */

const IDS = ["intercom/archive-without-credentials", "intercom/archive-by-user-id"];
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A server that creates users honestly, answers everything else 404, and counts requests per connection. */
async function startCounting() {
  const perConnection: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      perConnection[(request.socket as { index?: number }).index!]!++;
      response.setHeader("content-type", "application/json");
      if (request.method === "POST" && request.url === "/users") {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
        return response.end(JSON.stringify({ type: "user", id: "5714dd359a3fd47136000001", anonymous: false, user_id: null, email: null, ...body }));
      }
      response.statusCode = 404;
      response.end(JSON.stringify({ type: "error.list", errors: [{ code: "not_found", message: "no" }] }));
    });
  });
  server.on("connection", (socket) => Object.assign(socket, { index: perConnection.push(0) - 1 }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, perConnection };
}

it("sends each case's requests on one connection of its own", async () => {
  const { url, perConnection } = await startCounting();
  const result = await runConformance({ api: "intercom", baseUrl: url, credentials: { token: "t" }, ids: IDS, concurrency: 1, timeoutMs: 30_000 });
  const requests = [...result.cases.flatMap((item) => [...item.setup, ...item.steps])].length;
  expect(requests).toBeGreaterThan(IDS.length);
  // The preflight's read on a connection of its own, then one connection per case, however many requests the case sent.
  expect(perConnection).toHaveLength(1 + IDS.length);
  expect(perConnection[0]).toBe(1);
  expect(perConnection.reduce((sum, count) => sum + count, 0)).toBe(1 + requests);
});
