import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { negativeRequests, positiveRequests } from "../../src/fuzz/generate/index.js";
import { runFuzz, type Generators } from "../../src/fuzz/run-fuzz.js";
import { apiRegistry, conformanceEngine, startReferenceServer } from "../../src/wiring.js";

const TOKEN = "test-only-intercom-token";
const engine = conformanceEngine(apiRegistry().get("intercom"));
const EXAMPLES = 25;

const generators: Generators = { positive: positiveRequests, negative: negativeRequests };

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

function endToEnd(headers: Iterable<[string, string | string[] | undefined]>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of headers) if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) kept[name] = String(value);
  return kept;
}

async function text(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A keep-alive front of the reference that counts the connections it accepts; with `breakReused`,
 * it answers 500 to every request but the first on a connection (what a request left behind on a
 * shared connection could do to the next).
 */
async function withFront<T>(breakReused: boolean, use: (url: string, connections: () => number) => Promise<T>): Promise<T> {
  const reference = await startReferenceServer({ api: "intercom" });
  const served = new WeakMap<Socket, number>();
  let connections = 0;
  const front = createServer(async (request, response) => {
    const count = (served.get(request.socket) ?? 0) + 1;
    served.set(request.socket, count);
    const body = await text(request);
    if (breakReused && count > 1) {
      response.writeHead(500, { "content-type": "application/json" }).end('{"type":"error.list","errors":[{"code":"server_error","message":"reused connection"}]}');
      return;
    }
    const answer = await fetch(new URL(request.url!, reference.url), { method: request.method, headers: endToEnd(Object.entries(request.headers)), body: body || undefined });
    response.writeHead(answer.status, endToEnd(answer.headers)).end(await answer.text());
  });
  front.on("connection", () => connections++);
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  try {
    return await use(`http://127.0.0.1:${(front.address() as AddressInfo).port}`, () => connections);
  } finally {
    front.closeAllConnections();
    await new Promise((resolve) => front.close(resolve));
    await reference.close();
  }
}

/** A front of this test's own reference: valid archives may address drawn users, one request per example. */
const options = (baseUrl: string) => ({ baseUrl, credentials: { token: TOKEN }, allowDrawnTargets: true, operations: ["archiveUserByQuery"], seed: 3, maxExamples: EXAMPLES });

describe("runFuzz connections", () => {
  it("sends the examples of a property on one keep-alive connection, a fresh one per property", async () => {
    await withFront(false, async (url, connections) => {
      const result = await runFuzz(options(url), { engine, generators });
      expect(result.cases.map((item) => [item.status, item.title])).toEqual([
        ["passed", "coverage: boundaries, enum members, optionals absent (7 valid, 4 invalid): 11 passed"],
        ["passed", `valid requests: ${EXAMPLES} passed`],
        ["passed", `requests violating one constraint each: ${EXAMPLES} passed`],
        ["passed", `methods the contract does not list for a path: ${EXAMPLES} passed`],
      ]);
      // The preflight's, then four properties (three of 50 examples): one connection per example would be 162.
      expect(connections()).toBe(5);
    });
  });

  it("judges a failure seen on a shared connection again on a connection of its own: the earlier exchange cannot cause it", async () => {
    await withFront(true, async (url, connections) => {
      const result = await runFuzz(options(url), { engine, generators });
      // Each second request on a connection gets a 500; each is sent again on a fresh connection, whose verdict stands.
      expect(result.cases.map((item) => item.status)).toEqual(["passed", "passed", "passed", "passed"]);
      expect(connections()).toBeGreaterThan(EXAMPLES);
    });
  });
});
