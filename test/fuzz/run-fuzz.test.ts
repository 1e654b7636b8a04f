import { execFile } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Contract, Operation } from "../../src/contract/index.js";
import { runFuzz, type Generators } from "../../src/fuzz/run-fuzz.js";
import type { GeneratedRequest } from "../../src/fuzz/types.js";
import { apiRegistry, conformanceEngine, runConformance } from "../../src/wiring.js";
import type { Mutation } from "../../src/testing/mutating-proxy.js";
import { withReferenceBehindProxy } from "../helpers/reference-behind-proxy.js";
import { serverErrorOnLongUserId } from "../../src/testing/zoo/index.js";

const TOKEN = "test-only-intercom-token";
const engine = conformanceEngine(apiRegistry().get("intercom"));

/** Hand-built arbitraries for archive-by-query only: valid user_ids, and user_ids over maxLength 255. */
const generators: Generators = {
  positive: (_contract: Contract, operation: Operation) =>
    fc.string({ minLength: 1, maxLength: 255 }).map((userId): GeneratedRequest => ({ operationId: operation.operationId, request: { method: "DELETE", path: "/users", query: { user_id: userId } } })),
  negative: (_contract: Contract, operation: Operation) =>
    fc.string({ minLength: 256, maxLength: 400 }).map((userId): GeneratedRequest => ({
      operationId: operation.operationId,
      request: { method: "DELETE", path: "/users", query: { user_id: userId } },
      violation: { kind: "length", location: "query/user_id", detail: `user_id of ${userId.length} characters, over maxLength 255` },
    })),
};

/**
 * The reference behind a proxy that answers 500 (not a 4xx) to over-long user_ids. It is this
 * test's own, so its runs allow drawn targets: the hand-built arbitraries above draw no create.
 */
const withDeviatingServer = <T>(use: (url: string) => Promise<T>) => withReferenceBehindProxy("intercom", serverErrorOnLongUserId, use);

function sh(command: string): Promise<string> {
  return new Promise((resolve, reject) => execFile("sh", ["-c", command], (error, stdout) => (error ? reject(error) : resolve(stdout))));
}

describe("runFuzz", () => {
  it.each([1, 2])("passes the embedded reference (seed %i, 30 examples per kind)", async (seed) => {
    const result = await runFuzz({ operations: ["archiveUserByQuery"], seed, maxExamples: 30 }, { engine, generators });
    expect(result.cases.map((item) => [item.id, item.status, item.title])).toEqual([
      ["intercom/fuzz-archive-user-by-query-coverage", "passed", "coverage: boundaries, enum members, optionals absent (7 valid, 4 invalid): 11 passed"],
      ["intercom/fuzz-archive-user-by-query-positive", "passed", "valid requests: 30 passed"],
      ["intercom/fuzz-archive-user-by-query-negative", "passed", "requests violating one constraint each: 30 passed"],
      ["intercom/fuzz-unsupported-methods", "passed", "methods the contract does not list for a path: 30 passed"],
    ]);
    expect(result.verdict).toBe("pass");
  });

  it("fails a server answering 500 to an over-long user_id, shrunk to 256 characters, with a curl line that reproduces it", async () => {
    await withDeviatingServer(async (url) => {
      const result = await runFuzz({ baseUrl: url, credentials: { token: TOKEN }, allowDrawnTargets: true, operations: ["archiveUserByQuery"], seed: 7, maxExamples: 30 }, { engine, generators });
      expect(result.verdict).toBe("fail");
      expect(result.cases.map((item) => [item.id, item.status])).toEqual([
        // The coverage phase sends a user_id one character over maxLength: the first to find the 500.
        ["intercom/fuzz-archive-user-by-query-coverage", "failed"],
        ["intercom/fuzz-archive-user-by-query-positive", "passed"],
        ["intercom/fuzz-archive-user-by-query-negative-length", "failed"],
        // The kind that failed is left out of the next round: nothing is left, so nothing passed.
        ["intercom/fuzz-archive-user-by-query-negative", "skipped"],
        ["intercom/fuzz-unsupported-methods", "passed"],
      ]);
      expect(result.cases[0]!.reason).toMatch(/^failed after \d+ examples?, shrunk 0 times; violates length at query\/user_id: user_id 256 characters \(maxLength 255\)/);
      const negative = result.cases[2];
      const step = negative!.steps[0]!;
      expect(step.failures.map((failure) => failure.check)).toContain("not-a-server-error");
      expect(new URL(step.exchange.request.url).searchParams.get("user_id")).toHaveLength(256);
      expect(negative!.reason).toMatch(/^failed after \d+ examples?, shrunk \d+ times?; violates length at query\/user_id: user_id of 256 characters/);
      const curl = /reproduce: (curl .*)$/.exec(negative!.reason!)![1]!;
      expect(curl).toContain("Authorization: Bearer ***");
      expect(curl).not.toContain(TOKEN);
      const answer = await sh(`${curl.replace("***", TOKEN)} -o /dev/null -w '%{http_code}'`);
      expect(answer).toBe("500");
    });
  });

  it("saves each failure as a case that verify --cases replays: failing on the deviating server, passing on the reference", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-fuzz-"));
    await withDeviatingServer(async (url) => {
      const result = await runFuzz({ baseUrl: url, credentials: { token: TOKEN }, allowDrawnTargets: true, operations: ["archiveUserByQuery"], seed: 7, maxExamples: 30, saveFailuresDir: dir }, { engine, generators });
      expect(result.savedFailures).toEqual([path.join(dir, "fuzz-archive-user-by-query-coverage-seed-7.yaml"), path.join(dir, "fuzz-archive-user-by-query-negative-length-seed-7.yaml")]);
      expect((await readdir(dir)).sort()).toEqual(["fuzz-archive-user-by-query-coverage-seed-7.yaml", "fuzz-archive-user-by-query-negative-length-seed-7.yaml"]);
      const replayed = await runConformance({ api: "intercom", baseUrl: url, credentials: { token: TOKEN }, casesDir: dir });
      expect(replayed.verdict).toBe("fail");
      expect(replayed.cases[0]!.steps[0]!.failures.map((failure) => failure.check)).toContain("not-a-server-error");
    });
    const onReference = await runConformance({ api: "intercom", casesDir: dir });
    expect(onReference.verdict).toBe("pass");
  });

  it("is never green when nothing was checked: a --duration spent before any property held fails the run", async () => {
    const slow: Mutation = async (request, forward) => ({ ...(await forward(request)), delayMs: 1_500 });
    await withReferenceBehindProxy("intercom", slow, async (url) => {
      const result = await runFuzz({ baseUrl: url, credentials: { token: TOKEN }, allowDrawnTargets: true, operations: ["archiveUserByQuery"], seed: 1, maxExamples: 30, durationS: 1 }, { engine, generators });
      expect(result.summary).toMatchObject({ passed: 0, failed: 0 });
      expect(result.summary.skipped).toBeGreaterThan(0);
      expect(result.verdict).toBe("fail");
    });
  });

  it("refuses an unknown operation and a permanent delete not asked for", async () => {
    await expect(runFuzz({ operations: ["noSuchOperation"] }, { engine, generators })).rejects.toThrow(/operation noSuchOperation is not in intercom's contract — use one of viewUserById, /);
    await expect(runFuzz({ operations: ["permanentlyDeleteUser"] }, { engine, generators })).rejects.toThrow(/deletes users for good — add --include-permanent-delete/);
  });
});
