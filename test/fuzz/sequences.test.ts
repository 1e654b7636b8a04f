import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import type { Case, RunResult } from "../../src/conformance/types.js";
import { loadContract, type Contract, type Operation } from "../../src/contract/index.js";
import { positiveRequests } from "../../src/fuzz/generate/index.js";
import { sequenceRoots } from "../../src/fuzz/lifecycle-roots.js";
import { sequenceCases } from "../../src/fuzz/sequences.js";
import { casesToRun, runConformance } from "../../src/wiring.js";
import { jsonOf, pathOf, withJson, type Mutation } from "../../src/testing/mutating-proxy.js";
import { withReferenceBehindProxy } from "../helpers/reference-behind-proxy.js";
import { referenceSetup } from "../helpers/reference-setup.js";

const APIS = ["intercom", "dfns"] as const;
const SEED = 20_251_130;

/** The fuzz run's positive generator (sequences take only the create's body from it). */
const positive = (contract: Contract, operation: Operation) => positiveRequests(contract, operation);

async function generated(api: string, count = 20): Promise<Case[]> {
  const contract = await loadContract(path.resolve("openapi", `${api}.yaml`));
  return fc.sample(sequenceCases(contract, contract.operations, { apiName: api, positive }), { seed: SEED, numRuns: count });
}

/** The cases written as case files and loaded back: the case loader validates each against the case format and the contract. */
async function throughCaseFiles(api: string, cases: Case[]): Promise<Case[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-sequences-"));
  for (const [index, { file: _file, ...testCase }] of cases.entries()) await writeFile(path.join(dir, `${String(index).padStart(2, "0")}.yaml`), dump(testCase));
  return casesToRun({ api, casesDir: dir });
}

/** The cases run through a proxy in front of a fresh reference. */
function runThrough(api: string, cases: Case[], mutation: Mutation): Promise<RunResult> {
  return withReferenceBehindProxy(api, mutation, async (baseUrl) => runConformance({ api, baseUrl, ...(await referenceSetup(api)), cases }));
}

/** Steps of a case that follow its archive (the ones judged by archived-stays-archived), as `METHOD path`. */
const followUps = (testCase: Case) => (testCase.then ?? []).filter((step) => step.checks?.includes("archived-stays-archived")).map((step) => `${step.request.method} ${step.request.path}`);

describe.each(APIS)("generated %s sequences", (api) => {
  it("start from every create the links lead to an archive from", async () => {
    const contract = await loadContract(path.resolve("openapi", `${api}.yaml`));
    const roots = sequenceRoots(contract, contract.operations).map((operation) => operation.operationId);
    expect(roots).toEqual(api === "intercom" ? ["createOrUpdateUser"] : ["createUser", "createDelegatedRegistrationChallenge"]);
  });

  it("create users unique to the example: texts behind ak-{{ run.id }}-<nonce>-, all-digit user_ids kept all-digit behind {{ run.number }}", async () => {
    const userIds = (await generated("intercom", 300)).map((testCase) => (testCase.request.body as { user_id?: unknown }).user_id).filter((userId): userId is string => typeof userId === "string");
    const digits = userIds.filter((userId) => userId.startsWith("{{ run.number }}"));
    expect(digits.length).toBeGreaterThan(0);
    for (const userId of digits) expect(userId.replace("{{ run.number }}", "777777777777777")).toMatch(/^\d{26,}$/);
    for (const userId of userIds.filter((text) => !digits.includes(text))) expect(userId).toMatch(/^ak-\{\{ run\.id \}\}-[a-z0-9]+-/);
    expect(new Set(userIds).size).toBe(userIds.length);
  });

  it("are valid case files, and 20 of them pass against the reference", async () => {
    const cases = await throughCaseFiles(api, await generated(api));
    expect(cases).toHaveLength(20);
    expect(new Set(cases.map((testCase) => testCase.title)).size).toBeGreaterThan(3);
    const result = await runConformance({ api, cases });
    const failures = result.cases.filter((item) => item.status !== "passed").map((item) => `${item.id}: ${item.reason ?? ""} ${JSON.stringify(item.steps.flatMap((step) => step.failures))}`);
    expect(failures).toEqual([]);
    expect(result.summary.passed).toBe(20);
  });
});

describe("a server that serves an archived user again", () => {
  it("fails every Intercom sequence that views the user by id after the archive, naming archived-stays-archived", async () => {
    const archived = new Map<string, string>();
    const mutation: Mutation = async (request, forward) => {
      const response = await forward(request);
      const id = /^\/users\/([^/]+)$/.exec(pathOf(request))?.[1];
      if (request.method === "DELETE" && response.status === 200) archived.set(String(jsonOf(response).id), response.body);
      if (request.method === "GET" && id && response.status === 404 && archived.has(id)) return withJson(response, JSON.parse(archived.get(id)!), 200);
      return response;
    };
    const cases = await generated("intercom");
    const viewing = cases.filter((testCase) => followUps(testCase).some((step) => step.startsWith("GET /users/")));
    expect(viewing.length).toBeGreaterThan(0);
    const result = await runThrough("intercom", cases, mutation);
    expect(result.verdict).toBe("fail");
    expect(result.cases.filter((item) => item.status === "failed").map((item) => item.id).sort()).toEqual(viewing.map((testCase) => testCase.id).sort());
    for (const item of result.cases.filter((each) => each.status === "failed")) {
      expect(item.steps.flatMap((step) => step.failures)).toContainEqual(expect.objectContaining({ check: "archived-stays-archived", received: "200", expected: "404" }));
    }
  });

  it("fails every Dfns sequence that archives the user twice, when the second archive succeeds", async () => {
    const archived = new Map<string, string>();
    const mutation: Mutation = async (request, forward) => {
      const response = await forward(request);
      const path = pathOf(request);
      if (request.method === "DELETE" && response.status === 200) archived.set(path, response.body);
      if (request.method === "DELETE" && response.status === 404 && archived.has(path)) return withJson(response, JSON.parse(archived.get(path)!), 200);
      return response;
    };
    const cases = await generated("dfns");
    const twice = cases.filter((testCase) => followUps(testCase).some((step) => step.startsWith("DELETE ")));
    expect(twice.length).toBeGreaterThan(0);
    const result = await runThrough("dfns", cases, mutation);
    expect(result.cases.filter((item) => item.status === "failed").map((item) => item.id).sort()).toEqual(twice.map((testCase) => testCase.id).sort());
    for (const item of result.cases.filter((each) => each.status === "failed")) {
      expect(item.steps.flatMap((step) => step.failures)).toContainEqual(expect.objectContaining({ check: "archived-stays-archived", received: "200", expected: "404 or 422" }));
    }
  });
});
