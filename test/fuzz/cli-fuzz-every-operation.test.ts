/**
 * `archive-kit fuzz` over every operation of each embedded reference: a small slice of the
 * zero-false-alarm sweep (bench/fuzz-sweep.mjs), in which nothing may fail and nothing may be
 * skipped — a property skipped against the reference is a false alarm too, only a quieter one.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadContract, negativeRequests, runFuzz } from "../../src/index.js";
import { apiRegistry, startReferenceServer } from "../../src/wiring.js";
import { runCli } from "../helpers/cli.js";
import { startMutatingProxy, type ProxyRequest } from "../../src/testing/mutating-proxy.js";

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** The operations `fuzz` takes without --operation: all but the permanent deletes. */
async function fuzzedOperations(api: string): Promise<string[]> {
  const contract = await loadContract(apiRegistry().get(api).contractFile);
  return contract.operations.map((operation) => operation.operationId).filter((id) => id !== "permanentlyDeleteUser");
}

describe("archive-kit fuzz over every operation of the embedded reference", () => {
  it.each(["dfns", "intercom"])("%s: every operation's valid and invalid requests pass, nothing skipped (seed 1 × 15 examples)", async (api) => {
    const { code, stdout } = await runCli(["fuzz", "--api", api, "--seed", "1", "--max-examples", "15"]);
    for (const operationId of await fuzzedOperations(api)) {
      expect(stdout).toMatch(new RegExp(`✓ ${api}/fuzz-${kebab(operationId)}-positive  valid requests: 15 passed`));
      expect(stdout).toMatch(new RegExp(`✓ ${api}/fuzz-${kebab(operationId)}-negative  requests violating one constraint each: 15 passed`));
    }
    expect(stdout.trim().split("\n").at(-1)).toMatch(/^\d+ passed, 0 failed, 0 skipped$/);
    expect(code).toBe(0);
  });

  it("dfns: invalid requests to a signed operation reach the server unsigned and are refused for what they break", async () => {
    const reference = await startReferenceServer({ api: "dfns" });
    const seen: Array<{ request: ProxyRequest; status: number }> = [];
    const proxy = await startMutatingProxy(reference.url, async (request, forward) => {
      const response = await forward(request);
      seen.push({ request, status: response.status });
      return response;
    });
    const { credentials } = reference;
    try {
      const args = ["fuzz", "--api", "dfns", "--base-url", proxy.url, "--operation", "archiveUser", "--seed", "1", "--max-examples", "15", "--dfns-private-key", credentials.privateKeyFile!];
      const { code, stdout } = await runCli(args, { env: { DFNS_TOKEN: credentials.token, DFNS_CREDENTIAL_ID: credentials.credentialId } });
      expect(stdout).toContain("✓ dfns/fuzz-archive-user-negative  requests violating one constraint each: 15 passed");
      expect(code).toBe(0);
    } finally {
      await proxy.close();
      await reference.close();
    }
    const archives = seen.filter(({ request }) => request.method === "DELETE");
    const unsigned = archives.filter(({ request }) => request.headers["x-dfns-useraction"] === undefined);
    // The credential negatives: no token, and a token the server cannot know, both refused with 401.
    expect(unsigned.filter(({ request }) => request.headers.authorization === undefined).map(({ status }) => status)).toContain(401);
    expect(unsigned.filter(({ request }) => ![undefined, `Bearer ${credentials.token}`].includes(request.headers.authorization)).map(({ status }) => status)).toContain(401);
    // The rest are signed, carry no generated nonce, and are refused for the userId they break (not the signature's 403).
    const signedNegatives = archives.filter(({ request, status }) => request.headers["x-dfns-useraction"] !== undefined && status === 400);
    expect(signedNegatives.length).toBeGreaterThan(0);
    expect(archives.filter(({ request }) => request.headers["x-dfns-nonce"] !== undefined)).toEqual([]);
  });
});

describe("runFuzz from the package entry", () => {
  it("fuzzes the embedded Dfns reference with the plugin's fuzz settings: signed operations' credential negatives run", async () => {
    const result = await runFuzz({ api: "dfns", operations: ["archiveUser"], seed: 1, maxExamples: 10 });
    expect(result.cases.map((item) => [item.id, item.status])).toEqual([
      ["dfns/fuzz-archive-user-positive", "passed"],
      ["dfns/fuzz-archive-user-negative", "passed"],
      ["dfns/fuzz-unsupported-methods", "passed"],
      ["dfns/fuzz-tamper-archive-user", "passed"],
    ]);
    expect(result.seed).toBe(1);
  });

  it("negativeRequests are arbitraries of case requests, each naming the one constraint it breaks", async () => {
    const contract = await loadContract(apiRegistry().get("intercom").contractFile);
    const [generated] = fc.sample(negativeRequests(contract, contract.byId("archiveUserByQuery")!), { seed: 1, numRuns: 1 });
    expect(generated!.request.method).toBe("DELETE");
    expect(generated!.violation).toEqual({ kind: expect.any(String), location: expect.any(String), detail: expect.any(String) });
  });
});
