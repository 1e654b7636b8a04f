/**
 * Issue 14, item 5: a fuzz run ends however the implementation behaves. Requests that get no
 * answer are reported as drawn (never shrunk), too many in a row stop the run with one exit-2
 * line, and --max-time (with a default) bounds the whole run.
 */
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { FUZZ_MAX_TIME_HELP } from "../../src/cli/commands/fuzz.js";
import { DEFAULT_MAX_TIME_S, MAX_UNANSWERED_IN_A_ROW } from "../../src/fuzz/run-stop.js";
import { runCli } from "../helpers/cli.js";
import { pathOf, type Mutation } from "../../src/testing/mutating-proxy.js";
import { withReferenceBehindProxy } from "../helpers/reference-behind-proxy.js";
import { REFERENCE_CREDENTIALS } from "./reference-credentials.js";

const { env } = REFERENCE_CREDENTIALS.intercom;

/** A TCP server that accepts every connection and never sends a byte. */
async function withSilentServer<T>(use: (url: string) => Promise<T>): Promise<T> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Holds an answer far longer than any --timeout these tests give. */
const NEVER_MS = 120_000;

describe("fuzz and implementations that do not answer", { timeout: 300_000 }, () => {
  it("ends with exit 2 and one line against a server that never answers, at default flags", async () => {
    const { code, stderr } = await withSilentServer((url) => runCli(["fuzz", "--api", "intercom", "--base-url", url], { env }));
    expect(stderr).toMatch(/^archive-kit: http:\/\/127\.0\.0\.1:\d+ accepted connections but never answered within --timeout 10 s — /);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(code).toBe(2);
  });

  it("reports a request that gets no answer as drawn, without shrinking it, and goes on", async () => {
    // Archives of over-long user_ids hang; everything else is answered.
    const hangOnLongUserId: Mutation = async (request, forward) => {
      const userId = new URL(request.url, "http://proxy.invalid").searchParams.get("user_id") ?? "";
      const answer = await forward(request);
      return request.method === "DELETE" && [...userId].length > 255 ? { ...answer, delayMs: NEVER_MS } : answer;
    };
    const { code, stdout } = await withReferenceBehindProxy("intercom", hangOnLongUserId, (url) =>
      runCli(["fuzz", "--api", "intercom", "--base-url", url, "--operation", "archiveUserByQuery", "--seed", "1", "--max-examples", "30", "--timeout", "1"], { env }),
    );
    expect(stdout).toMatch(/✗ intercom\/fuzz-archive-user-by-query-negative-length .* shrunk 0 times; violates length at query\/user_id/);
    expect(stdout).toMatch(/✗ No usable response at transport/);
    expect(stdout).toMatch(/✓ intercom\/fuzz-archive-user-by-query-negative  requests violating one constraint each \(but length\)/);
    expect(code).toBe(1);
  });

  it(`stops after ${MAX_UNANSWERED_IN_A_ROW} requests in a row get no answer, with one exit-2 line and no verdict`, async () => {
    let answered = 0;
    const goneAfter30: Mutation = async (request, forward) => {
      const answer = await forward(request);
      return pathOf(request).startsWith("/users") && ++answered > 30 ? { ...answer, delayMs: NEVER_MS } : answer;
    };
    const { code, stdout, stderr } = await withReferenceBehindProxy("intercom", goneAfter30, (url) => runCli(["fuzz", "--api", "intercom", "--base-url", url, "--seed", "1", "--timeout", "1"], { env }));
    expect(stderr).toMatch(new RegExp(`^archive-kit: http://127\\.0\\.0\\.1:\\d+ left ${MAX_UNANSWERED_IN_A_ROW} requests in a row unanswered within --timeout 1 s, so the run was stopped, with no verdict — `));
    expect(stderr.trim().split("\n")).toHaveLength(1);
    // No summary: a stopped run has no verdict.
    expect(stdout).not.toMatch(/^\d+ passed, \d+ failed/m);
    expect(code).toBe(2);
  });

  it("stops a run that outlasts --max-time, however slowly each answer trickles in", async () => {
    const slow: Mutation = async (request, forward) => ({ ...(await forward(request)), delayMs: 300 });
    const { code, stderr } = await withReferenceBehindProxy("intercom", slow, (url) => runCli(["fuzz", "--api", "intercom", "--base-url", url, "--seed", "1", "--max-time", "3"], { env }));
    expect(stderr).toMatch(/^archive-kit: the run took longer than --max-time 3 s and was stopped, with no verdict — raise --max-time, or fuzz less/);
    expect(code).toBe(2);
  });

  it(`bounds every run by default: --help states the engine's ${DEFAULT_MAX_TIME_S} s`, async () => {
    expect(FUZZ_MAX_TIME_HELP).toBe(DEFAULT_MAX_TIME_S);
    const { stdout } = await runCli(["fuzz", "--help"]);
    expect(stdout.replace(/\s+/g, " ")).toContain(`--max-time <seconds> stop the whole run after this long (1 to 86400, default ${DEFAULT_MAX_TIME_S})`);
  });
});
