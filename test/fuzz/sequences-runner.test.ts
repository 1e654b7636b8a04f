import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedactor } from "../../src/conformance/redact.js";
import { loadContract, type Contract, type Operation } from "../../src/contract/index.js";
import { createTransport } from "../../src/conformance/transport.js";
import type { Case } from "../../src/conformance/types.js";
import { caseProperties, checkCaseProperty, savedCase, type CaseProperty } from "../../src/fuzz/case-properties.js";
import { negativeRequests, positiveRequests } from "../../src/fuzz/generate/index.js";
import { runGeneratedCase } from "../../src/fuzz/run-case.js";
import { runFuzz } from "../../src/fuzz/run-fuzz.js";
import { apiRegistry, casesToRun, checksOf, conformanceEngine, runConformance, startReferenceServer } from "../../src/wiring.js";
import { jsonOf, pathOf, startMutatingProxy, withJson, type MutatingProxy, type Mutation, type ProxyResponse } from "../../src/testing/mutating-proxy.js";
import { referenceSetup } from "../helpers/reference-setup.js";

const SEED = 7;
const plugin = apiRegistry().get("intercom");
const contract = await loadContract(plugin.contractFile);
const positive = (subject: Contract, operation: Operation) => positiveRequests(subject, operation);
const properties = caseProperties(contract, contract.operations, { apiName: "intercom", positive, caseRequestSchema: plugin.caseRequestSchema, tamperings: plugin.fuzz?.tamperings ?? {}, allowDrawnTargets: false });
const sequences = properties.find((property) => property.name === "fuzz-sequence-create-or-update-user") as CaseProperty;

// What the proxy does to each request; a test sets it, and it resets after each run.
let mutation: Mutation = (request, forward) => forward(request);
let reference: { url: string; close(): Promise<void> };
let proxy: MutatingProxy;
beforeAll(async () => {
  reference = await startReferenceServer({ api: "intercom" });
  proxy = await startMutatingProxy(reference.url, (request, forward) => mutation(request, forward));
});
afterAll(async () => {
  await proxy.close();
  await reference.close();
});

/** Runs one generated case through the proxy, on a connection of its own, as runFuzz does. */
async function runCaseExample(testCase: Case) {
  const { credentials, variables } = await referenceSetup("intercom");
  const transport = createTransport(proxy.url, { timeoutMs: 5_000, maxResponseBytes: 1 << 20 });
  const session = transport.session();
  try {
    const environment = { contract, api: { ...plugin.conformance.createApi(credentials), errorSchemaName: plugin.errorSchemaName }, checks: checksOf(plugin), variables, send: session.send };
    return await runGeneratedCase(testCase, environment);
  } finally {
    transport.close();
  }
}

/** What checkCaseProperty is given by runFuzz: how to run one example, and the run's seed and budget. */
const propertyRun = (options: { numRuns: number; seed?: number; saveFailuresDir?: string }) => ({ apiName: "intercom", seed: SEED, remainingMs: 60_000, runExample: runCaseExample, redactor: createRedactor({}), ...options });

/** Every archived user served again by GET /users/{id}. */
const servesArchived = (): Mutation => {
  const archived = new Map<string, ProxyResponse>();
  return async (request, forward) => {
    const response = await forward(request);
    if (request.method === "DELETE" && response.status === 200) archived.set(String(jsonOf(response).id), response);
    const id = /^\/users\/([^/]+)$/.exec(pathOf(request))?.[1];
    const earlier = request.method === "GET" && id && response.status === 404 ? archived.get(id) : undefined;
    return earlier ? { ...earlier, headers: response.headers } : response;
  };
};

/** The first generated sequence that views the user by id after the archive. */
const viewingAfterArchive = fc
  .sample(sequences.arbitrary, { seed: SEED, numRuns: 30 })
  .find((testCase) => (testCase.then ?? []).some((step) => step.checks?.includes("archived-stays-archived") && step.request.method === "GET" && step.request.path.startsWith("/users/")))!;

describe("the fuzz run's case properties", () => {
  it("are the lifecycles from each create that links to an archive (and no tampering where the API signs nothing)", () => {
    // With no model, no tamperings: the lifecycles, the archive race and the repeated reads without credentials.
    expect(properties.map((property) => property.name)).toEqual(["fuzz-sequence-create-or-update-user", "fuzz-race-archive-create-or-update-user", "fuzz-ignored-auth-create-or-update-user"]);
    expect("unavailable" in sequences).toBe(false);
    expect(viewingAfterArchive).toBeDefined();
  });

  it("run one case per example: passed against the reference, failed with its steps against a deviation", async () => {
    mutation = (request, forward) => forward(request);
    expect(await runCaseExample(viewingAfterArchive)).toEqual({ verdict: "passed" });
    mutation = servesArchived();
    const outcome = await runCaseExample(viewingAfterArchive);
    expect(outcome.verdict).toBe("failed");
    const failures = outcome.verdict === "failed" ? outcome.steps.flatMap((step) => step.failures) : [];
    expect(failures).toContainEqual(expect.objectContaining({ check: "archived-stays-archived", received: "200", expected: "404" }));
  });

  it("pass a sequence whose create is refused as documented (nothing to archive), but fail one refused with a 5xx", async () => {
    const refuseCreates = (status: number): Mutation => async (request, forward) => {
      const response = await forward(request);
      return request.method === "POST" ? withJson(response, { type: "error.list", errors: [{ code: "parameter_invalid" }] }, status) : response;
    };
    mutation = refuseCreates(400);
    expect(await runCaseExample(viewingAfterArchive)).toEqual({ verdict: "passed" });
    mutation = refuseCreates(503);
    const outcome = await runCaseExample(viewingAfterArchive);
    expect(outcome.verdict).toBe("failed");
  });

  it("save a failing case as a file that verify --cases replays with the same verdict", async () => {
    const saved = savedCase(viewingAfterArchive, SEED);
    expect(saved.file).toMatch(/^fuzz-sequence-create-or-update-user-[a-z0-9]+-seed-7\.yaml$/);
    const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-saved-"));
    await writeFile(path.join(dir, saved.file), saved.text);
    const replayed = await casesToRun({ api: "intercom", casesDir: dir });
    expect(replayed.map((testCase) => testCase.id)).toEqual([`${viewingAfterArchive.id}-seed-7`]);
    mutation = servesArchived();
    const failing = await runConformance({ api: "intercom", casesDir: dir, baseUrl: proxy.url, ...(await referenceSetup("intercom")) });
    expect(failing.verdict).toBe("fail");
    expect((await runConformance({ api: "intercom", casesDir: dir })).verdict).toBe("pass");
  });

  it("check a property: shrunk to a failing case, reported with its failing request as curl, saved when asked", async () => {
    mutation = servesArchived();
    const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-saved-"));
    // Seed 1: fast-check's shrinking of the chained walk drops the read there (not with every seed).
    const { result, saved } = await checkCaseProperty(sequences, propertyRun({ numRuns: 20, seed: 1, saveFailuresDir: dir }));
    expect(result).toMatchObject({ id: "intercom/fuzz-sequence-create-or-update-user", status: "failed" });
    expect(result.reason).toMatch(/^failed after \d+ examples?, shrunk \d+ times?: Generated sequence: .*; saved as .*; reproduce: curl .*-X GET .*\/users\//);
    expect(result.steps.flatMap((step) => step.failures)).toContainEqual(expect.objectContaining({ check: "archived-stays-archived" }));
    // Shrunk: no read before the archive; the view that finds the user again among the follow-ups.
    expect(result.steps.map((step) => step.exchange.request.method).slice(0, 3)).toEqual(["POST", "DELETE", "GET"]);
    expect(await readdir(dir)).toEqual([path.basename(saved!)]);
    mutation = (request, forward) => forward(request);
    const passing = await checkCaseProperty(sequences, propertyRun({ numRuns: 5 }));
    expect(passing.result).toMatchObject({ status: "passed", title: "lifecycles generated along the links: 5 passed" });
  });

  it("are run by runFuzz after the operations' own properties: the Dfns reference passes sequences and tamperings", async () => {
    const dfns = apiRegistry().get("dfns");
    const engine = conformanceEngine(dfns);
    // Only what this test is about: requests without credentials on signed operations are the generator's own concern.
    const generators = { positive: positiveRequests, negative: (subject: Contract, operation: Operation) => negativeRequests(subject, operation).filter((generated) => !generated.violation?.kind.startsWith("credential")) };
    const result = await runFuzz({ operations: ["createUser", "archiveUser"], seed: SEED, maxExamples: 10 }, { engine, generators, tamperings: dfns.fuzz?.tamperings });
    const lifecycle = result.cases.filter((item) => /fuzz-(sequence|tamper)-/.test(item.id));
    expect(lifecycle.map((item) => `${item.id} ${item.status}`)).toEqual([
      "dfns/fuzz-sequence-create-user passed",
      "dfns/fuzz-tamper-create-user passed",
      "dfns/fuzz-tamper-archive-user passed",
    ]);
    expect(lifecycle.map((item) => item.title)).toEqual(["lifecycles generated along the links: 10 passed", "signed requests tampered with: 10 passed", "signed requests tampered with: 10 passed"]);
  });
});
