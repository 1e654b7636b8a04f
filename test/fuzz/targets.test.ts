/**
 * What fuzz counts as destructive, and how it points a destructive operation at a user the run
 * created (issue 14, item 0): from the contracts' extensions, methods, paths and links alone.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runFuzz, startReferenceServer } from "archive-kit";
import { loadContract } from "../../src/contract/index.js";
import { sequenceRoots } from "../../src/fuzz/lifecycle-roots.js";
import { createdTarget, isDestructive } from "../../src/fuzz/targets.js";
import toy from "../../examples/toy-api/plugin.mjs";

const contractOf = (api: string) => loadContract(path.resolve("openapi", `${api}.yaml`));
const destructiveOf = async (contractFile: string) => {
  const contract = await loadContract(contractFile);
  return contract.operations.filter((operation) => isDestructive(contract, operation)).map((operation) => operation.operationId);
};

describe("destructive operations", () => {
  it.each([
    ["intercom", ["archiveUserById", "archiveUserByQuery", "permanentlyDeleteUser"]],
    ["dfns", ["archiveUser", "activateUser", "deactivateUser"]],
  ])("%s: the archives, the permanent delete and the changes of a user addressed by a parameter; no read, no create", async (api, expected) => {
    expect(await destructiveOf(path.resolve("openapi", `${api}.yaml`))).toEqual(expected);
  });

  it("a contract without links: a non-read with a path parameter (the toy's deactivation)", async () => {
    expect(await destructiveOf(toy.contractFile)).toEqual(["deactivateUser"]);
  });
});

describe("a destructive operation aimed at a created user", () => {
  it("takes each parameter that addresses the user from the create's answer, along the create's links", async () => {
    const contract = await contractOf("intercom");
    const target = createdTarget(contract, contract.byId("archiveUserByQuery")!, sequenceRoots(contract, contract.operations))!;
    expect(target.root.operationId).toBe("createOrUpdateUser");
    expect(Object.fromEntries(target.pointers)).toEqual({ "query/user_id": ["user_id"], "query/email": ["email"] });
    // Nullable in the answer: there only when the create sent one.
    expect([...target.whenSent].sort()).toEqual(["query/email", "query/user_id"]);
    const dfns = await contractOf("dfns");
    const deactivate = createdTarget(dfns, dfns.byId("deactivateUser")!, sequenceRoots(dfns, dfns.operations))!;
    expect([deactivate.root.operationId, Object.fromEntries(deactivate.pointers), [...deactivate.whenSent]]).toEqual(["createUser", { "path/userId": ["userId"] }, []]);
  });

  it("has none where no create's answer gives what the operation names (a permanent delete's body, a contract without links)", async () => {
    const contract = await contractOf("intercom");
    expect(createdTarget(contract, contract.byId("permanentlyDeleteUser")!, sequenceRoots(contract, contract.operations))).toBeUndefined();
    const toyContract = await loadContract(toy.contractFile);
    expect(createdTarget(toyContract, toyContract.byId("deactivateUser")!, sequenceRoots(toyContract, toyContract.operations))).toBeUndefined();
  });

  it("so fuzz skips such valid requests against a --base-url, with the reason, and sends them with allowDrawnTargets", async () => {
    const reference = await startReferenceServer({ api: "toy", plugins: [toy] });
    try {
      const run = { api: "toy", plugins: [toy], baseUrl: reference.url, credentials: reference.credentials, operations: ["deactivateUser"], seed: 1, maxExamples: 5 };
      const guarded = await runFuzz(run);
      expect(guarded.cases.find((item) => item.id === "toy/fuzz-deactivate-user-positive")).toMatchObject({ status: "skipped", reason: expect.stringMatching(/would address users this run did not create .* add --allow-drawn-targets/) });
      const drawn = await runFuzz({ ...run, allowDrawnTargets: true });
      expect(drawn.cases.find((item) => item.id === "toy/fuzz-deactivate-user-positive")).toMatchObject({ status: "passed" });
    } finally {
      await reference.close();
    }
  });
});
