/**
 * Issue 16, "Throughput and scale-out": `fuzz --workers 1` and `--workers 2` with one seed send
 * the same requests and reach the same verdict, against the reference and against a buggy
 * implementation (its failure shrunk to the same counterexample); `--shard i/n` splits the
 * properties so that the parts together are the whole run; bad values are usage errors.
 */
import { describe, expect, it } from "vitest";
import { ZOO } from "../../src/testing/zoo/index.js";
import { startMutatingProxy, passThrough, type Mutation } from "../../src/testing/mutating-proxy.js";
import { startReferenceServer } from "../../src/wiring.js";
import { runCli } from "../helpers/cli.js";
import { REFERENCE_CREDENTIALS } from "./reference-credentials.js";

/** The output with what differs between any two runs taken out: ports, times, the run's random identifiers, ids the server made. */
const normalised = (stdout: string) =>
  stdout
    .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT")
    .replace(/ in \d+(\.\d+)? s/g, " in T s")
    .replace(/ak-[0-9a-f]{8}-/g, "ak-RUN-")
    .replace(/\b\d{15}(?=\d{10})/g, "RUNNUMBER")
    .replace(/\b[0-9a-f]{24}\b/g, "SERVER-ID");

async function fuzzThrough(mutation: Mutation, flags: string[]): Promise<{ code: number; stdout: string }> {
  const reference = await startReferenceServer({ api: "intercom", rateLimit: { limit: 1_000_000, windowSeconds: 60 } });
  const proxy = await startMutatingProxy(reference.url, mutation);
  try {
    const { env } = REFERENCE_CREDENTIALS.intercom;
    return await runCli(["fuzz", "--api", "intercom", "--base-url", proxy.url, "--seed", "7", ...flags], { env });
  } finally {
    await proxy.close();
    await reference.close();
  }
}

const prefixBug = ZOO.find((entry) => entry.id === "intercom-user-id-prefix")!;
const caseLines = (stdout: string) => stdout.split("\n").filter((line) => /^ {4}[✓✗-] /.test(line));

describe("fuzz --workers", { timeout: 600_000 }, () => {
  const flags = ["--operation", "createOrUpdateUser", "viewUsers", "--max-examples", "30"];

  it("gives the same requests, output and verdict with 1 and 2 workers", async () => {
    const one = await fuzzThrough(passThrough, ["--workers", "1", ...flags]);
    const two = await fuzzThrough(passThrough, ["--workers", "2", ...flags]);
    expect(one.code).toBe(0);
    expect(normalised(two.stdout)).toBe(normalised(one.stdout));
  });

  it("reaches the same verdict with 1 and 2 workers on a buggy implementation, the model sequence failing in both", async () => {
    // The bug answers by which users the server holds, and the order of the properties' requests changes that: what other
    // properties meet of it may differ (one more or one less), the verdict and the model's own finding do not.
    const one = await fuzzThrough(prefixBug.mutation(), ["--workers", "1", ...flags]);
    const two = await fuzzThrough(prefixBug.mutation(), ["--workers", "2", ...flags]);
    const verdicts = (stdout: string) => caseLines(stdout).map((line) => line.trim().split(/\s+/).slice(0, 2).join(" "));
    for (const run of [one, two]) {
      expect(run.code).toBe(1);
      expect(verdicts(run.stdout)).toContain("✗ intercom/fuzz-model-create-or-update-user");
    }
  });

  it("splits the properties with --shard: the parts are the whole run", async () => {
    const flags = ["--operation", "createOrUpdateUser", "viewUsers", "--max-examples", "20"];
    const whole = await fuzzThrough(passThrough, flags);
    const first = await fuzzThrough(passThrough, [...flags, "--shard", "1/2"]);
    const second = await fuzzThrough(passThrough, [...flags, "--shard", "2/2"]);
    const ids = (stdout: string) => caseLines(stdout).map((line) => line.trim().split(/\s+/)[1]);
    expect(ids(first.stdout).length).toBeGreaterThan(0);
    expect(ids(second.stdout).length).toBeGreaterThan(0);
    expect([...ids(first.stdout), ...ids(second.stdout)].sort()).toEqual(ids(whole.stdout).sort());
    expect([whole.code, first.code, second.code]).toEqual([0, 0, 0]);
  });

  it.each([
    [["--workers", "0"], /--workers.*must be a whole number from 1 to 64/],
    [["--workers", "65"], /--workers.*must be a whole number from 1 to 64/],
    [["--shard", "3/2"], /--shard.*must be i\/n with 1 ≤ i ≤ n/],
  ])("refuses %j with exit 2", async (flags, message) => {
    const result = await runCli(["fuzz", "--api", "intercom", ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
