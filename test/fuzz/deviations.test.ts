/**
 * Issue 10, "It catches what the cases miss": each deviation of test/fuzz/deviations.ts, put
 * between the CLI and a correct reference by a mutating proxy, makes `archive-kit fuzz` exit 1 and
 * fail the case that names it, while the same run through an unchanged proxy passes; `verify`
 * against the same proxy shows which of them the shipped cases alone would let through.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../src/wiring.js";
import { runCli, type CliResult } from "../helpers/cli.js";
import { passThrough, startMutatingProxy, type Mutation } from "../../src/testing/mutating-proxy.js";
import { DEVIATIONS, deviationTable, type DeviationApi } from "./deviations.js";
import { REFERENCE_CREDENTIALS } from "./reference-credentials.js";

const SEED = "1";
const MAX_EXAMPLES = 25;


const references = new Map<DeviationApi, ReferenceServer>();
beforeAll(async () => {
  for (const api of ["intercom", "dfns"] as const) references.set(api, await startReferenceServer({ api, rateLimit: { limit: 1_000_000, windowSeconds: 60 } }));
});
afterAll(async () => {
  for (const reference of references.values()) await reference.close();
});

/** `fuzz --operation … --max-examples …`, or (no operations) `fuzz` at its defaults. */
const selection = (operations: string[] | undefined, maxExamples = MAX_EXAMPLES) => (operations ? ["--operation", ...operations, "--max-examples", String(maxExamples)] : []);

/** `fuzz` and `verify` through a proxy applying `mutation` in front of the API's reference. */
async function fuzzAndVerify(api: DeviationApi, selected: string[], mutation: Mutation): Promise<{ fuzz: CliResult; verify: CliResult }> {
  const proxy = await startMutatingProxy(references.get(api)!.url, mutation);
  const { env, flags } = REFERENCE_CREDENTIALS[api];
  try {
    const [fuzz, verify] = await Promise.all([
      runCli(["fuzz", "--api", api, "--base-url", proxy.url, ...flags, ...selected, "--seed", SEED], { env }),
      runCli(["verify", "--api", api, "--base-url", proxy.url, ...flags, "--vars", "examples/vars.yaml"], { env }),
    ]);
    return { fuzz, verify };
  } finally {
    await proxy.close();
  }
}

/** The case a failing kind of violation is reported under comes from the operation's one negative property. */
const propertyOf = (failingCase: string) => failingCase.replace(/-negative-[a-z-]+$/, "-negative");
const summaryOf = (result: CliResult) => result.stdout.trim().split("\n").at(-1);

// Sequential: each test already runs two CLI processes at once, as many as the machine has cores.
describe("archive-kit fuzz catches what the cases miss", { timeout: 600_000 }, () => {
  it.each(["intercom", "dfns"] as const)("passes %s through an unchanged proxy with the flags of every deviation, and so does verify", async (api) => {
    const deviations = DEVIATIONS.filter((deviation) => deviation.api === api);
    const narrowed = deviations.filter((deviation) => deviation.operations);
    const operations = [...new Set(narrowed.flatMap((deviation) => deviation.operations!))];
    const maxExamples = Math.max(...narrowed.map((deviation) => deviation.maxExamples ?? MAX_EXAMPLES));
    // One run with every narrowed deviation's operations, and one at the defaults if a deviation runs there.
    const selections = [selection(operations, maxExamples), ...(narrowed.length < deviations.length ? [selection(undefined)] : [])];
    for (const selected of selections) {
      const { fuzz, verify } = await fuzzAndVerify(api, selected, passThrough);
      const reached = deviations.filter((deviation) => (deviation.operations ? selected.length > 0 : selected.length === 0));
      for (const deviation of reached) expect(fuzz.stdout).toMatch(new RegExp(`✓ ${propertyOf(deviation.failingCase)} `));
      expect(summaryOf(fuzz)).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/);
      expect(fuzz.code).toBe(0);
      expect(summaryOf(verify)).toMatch(/^\d+ passed, 0 failed, 0 skipped$/);
      expect(verify.code).toBe(0);
    }
  });

  it.each(DEVIATIONS.map((deviation) => [deviation.name, deviation] as const))("%s: fuzz exits 1 naming it", async (_name, deviation) => {
    const { fuzz, verify } = await fuzzAndVerify(deviation.api, selection(deviation.operations, deviation.maxExamples), deviation.mutation);
    expect(fuzz.stdout).toMatch(new RegExp(`✗ ${deviation.failingCase} `));
    expect(fuzz.stdout).toMatch(deviation.evidence);
    expect(fuzz.stdout).toMatch(/reproduce: curl /);
    expect(fuzz.code).toBe(1);
    expect({ verifyCatches: verify.code === 1, summary: summaryOf(verify) }).toEqual({ verifyCatches: deviation.verifyCatches, summary: expect.stringMatching(deviation.verifyCatches ? / [1-9]\d* failed/ : / 0 failed, 0 skipped$/) });
  });
});

describe("the table of what verify alone misses", () => {
  it("is the one README.md and bench/RESULTS.md show", async () => {
    const missed = DEVIATIONS.filter((deviation) => !deviation.verifyCatches).length;
    expect(`verify misses ${missed} of ${DEVIATIONS.length}`).toBe("verify misses 7 of 9");
    for (const file of ["README.md", "bench/RESULTS.md"]) {
      const text = await readFile(file, "utf8");
      expect(text, file).toContain(deviationTable());
      expect(text, file).toContain(`\`verify\` alone misses ${missed} of ${DEVIATIONS.length}`);
    }
  });
});
