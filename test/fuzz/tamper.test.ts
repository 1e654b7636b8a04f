import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/conformance/types.js";
import { loadContract, type Contract, type Operation } from "../../src/contract/index.js";
import { positiveRequests } from "../../src/fuzz/generate/index.js";
import { isSigned, tamperedCase, tamperedRequests, tamperingsOf, type TamperedRequest } from "../../src/fuzz/tamper.js";
import { apiRegistry, runConformance } from "../../src/wiring.js";
import type { Mutation } from "../../src/testing/mutating-proxy.js";
import { withReferenceBehindProxy } from "../helpers/reference-behind-proxy.js";
import { referenceSetup } from "../helpers/reference-setup.js";

const SEED = 20_251_130;
const contract = await loadContract(path.resolve("openapi", "dfns.yaml"));
const dfns = apiRegistry().get("dfns");
const caseRequestSchema = dfns.caseRequestSchema;
// Declared by the plugin, not the engine: the refusal of each tampering.
const tamperings = dfns.fuzz!.tamperings!;
// The plugin sets the seed-era headers itself (a generated nonce would be refused as invalid).
const positive = (subject: Contract, operation: Operation) => positiveRequests(subject, operation, { skipParameters: ["header/X-DFNS-NONCE", "header/X-DFNS-APPID"] });
const tampered = (operation: Operation) => tamperedRequests(contract, operation, { positive, caseRequestSchema, tamperings });
const signed = contract.operations.filter(isSigned);

/** Runs tampered requests as cases against `baseUrl` (a proxy in front of a reference), or the embedded reference. */
async function run(requests: TamperedRequest[], baseUrl?: string): Promise<RunResult> {
  const cases = requests.map((request, index) => tamperedCase(request, `dfns/fuzz-tamper-${index}`));
  return runConformance({ api: "dfns", cases, ...(baseUrl ? { baseUrl, ...(await referenceSetup("dfns")) } : {}) });
}

describe("tampered Dfns user actions", () => {
  it("are drawn for every signed operation, with every tampering the plugin's userAction offers", () => {
    expect(signed.map((operation) => operation.operationId).sort()).toEqual(["activateUser", "archiveUser", "createDelegatedRegistrationChallenge", "createUser", "deactivateUser"]);
    expect(tamperingsOf(caseRequestSchema, tamperings).sort()).toEqual(["credential", "method", "none", "path", "payload", "reuse", "signature"]);
    // A tampering the case format names but the plugin gives no refusal for is never drawn.
    expect(tamperingsOf(caseRequestSchema, { path: tamperings.path! })).toEqual(["path"]);
    expect(tamperingsOf(caseRequestSchema, {})).toEqual([]);
    expect(() => tamperedRequests(contract, contract.byId("getUser")!, { positive, caseRequestSchema, tamperings })).toThrow(/not a signed operation/);
  });

  it("are all refused by the reference as documented (403; 400 for a spent token)", async () => {
    const requests = signed.flatMap((operation) => fc.sample(tampered(operation), { seed: SEED, numRuns: 8 }));
    expect(new Set(requests.map((request) => request.tampering.kind)).size).toBe(7);
    const result = await run(requests);
    const failures = result.cases.filter((item) => item.status !== "passed").map((item) => `${item.title}: ${item.reason ?? ""} ${JSON.stringify(item.steps.flatMap((step) => step.failures))}`);
    expect(failures).toEqual([]);
    expect(result.summary.passed).toBe(requests.length);
  });

  it("find a server that accepts a tampered signature only for unusual payloads, within a few runs of a fixed seed", async () => {
    // Accepts any signed request whose body holds a text longer than 100 characters, signed or not.
    const sloppy: Mutation = async (request, forward) => {
      const response = await forward(request);
      const unusual = Object.values(JSON.parse(request.body || "{}") as Record<string, unknown>).some((value) => typeof value === "string" && value.length > 100);
      return request.headers["x-dfns-useraction"] && response.status === 403 && unusual ? { ...response, status: 200 } : response;
    };
    const createUser = contract.byId("createUser")!;
    await withReferenceBehindProxy("dfns", sloppy, async (baseUrl) => {
      const found = await fc.check(
        fc.asyncProperty(tampered(createUser), async (request) => (await run([request], baseUrl)).verdict === "pass"),
        { seed: SEED, numRuns: 100 },
      );
      expect(found.failed).toBe(true);
      expect(found.numRuns).toBeLessThanOrEqual(50);
      const [minimal] = found.counterexample!;
      expect(minimal.tampering.kind).toMatch(/^(payload|path|method|credential)$/);
      expect(Object.values(minimal.request.body as Record<string, unknown>).some((value) => typeof value === "string" && value.length > 100)).toBe(true);
      const result = await run([minimal], baseUrl);
      expect(result.cases[0]!.steps.flatMap((step) => step.failures)).toContainEqual(expect.objectContaining({ check: "user-action-required", received: "200", expected: "403" }));
    });
  });
});
