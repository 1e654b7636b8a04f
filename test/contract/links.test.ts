import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContract, type Contract } from "../../src/contract/index.js";
import { linkProblems, operationLinks } from "../../src/fuzz/links.js";
import { linkedRequest, usableBy } from "../../src/fuzz/sequences.js";

const contractPath = (api: string) => path.resolve("openapi", `${api}.yaml`);

/** The links of an operation as `status name → target(parameter=pointer)`. */
function describeLinks(contract: Contract, operationId: string): string[] {
  return operationLinks(contract, contract.byId(operationId)!)
    .map((link) => `${link.status} ${link.name} → ${link.target.operationId}(${link.parameters.map((p) => `${p.parameter.name}=/${p.pointer.join("/")}`).join(",")})`)
    .sort();
}

/** The shipped contract with one text replacement, loaded from a temporary copy. */
async function editedContract(api: string, from: string, to: string): Promise<Contract> {
  const text = await readFile(contractPath(api), "utf8");
  expect(text).toContain(from);
  const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-links-"));
  const file = path.join(dir, `${api}.yaml`);
  await writeFile(file, text.replace(from, to));
  return loadContract(file);
}

describe.each(["intercom", "dfns"])("the links of the %s contract", (api) => {
  it("name existing operations and parameters, from properties their response schemas declare", async () => {
    expect(linkProblems(await loadContract(contractPath(api)))).toEqual([]);
  });
});

describe("the Intercom links", async () => {
  const contract = await loadContract(contractPath("intercom"));

  it("lead from a created user to its archive (by id, user_id, e-mail) and view", () => {
    expect(describeLinks(contract, "createOrUpdateUser")).toEqual([
      "200 archiveByEmail → archiveUserByQuery(email=/email)",
      "200 archiveById → archiveUserById(id=/id)",
      "200 archiveByUserId → archiveUserByQuery(user_id=/user_id)",
      "200 view → viewUserById(id=/id)",
    ]);
  });

  it("lead from an archive to a view and a second archive, each expecting what an archived user gets", () => {
    const links = operationLinks(contract, contract.byId("archiveUserById")!);
    expect(links.map((link) => [link.target.operationId, link.expect])).toEqual([
      ["viewUserById", { status: 404 }],
      ["viewUsers", { status: 404 }],
      ["viewUsers", { status: 200, values: { type: "user.list", total_count: 0 } }],
      ["archiveUserById", { status: 404 }],
      ["archiveUserByQuery", { status: 404 }],
      ["archiveUserByQuery", { status: 404 }],
    ]);
    expect(describeLinks(contract, "archiveUserByQuery")).toEqual(describeLinks(contract, "archiveUserById"));
  });
});

describe("the Dfns links", async () => {
  const contract = await loadContract(contractPath("dfns"));

  it("lead from createUser and delegated registration to the archive and get of the user created", () => {
    expect(describeLinks(contract, "createUser")).toEqual(["200 archive → archiveUser(userId=/userId)", "200 get → getUser(userId=/userId)"]);
    expect(describeLinks(contract, "createDelegatedRegistrationChallenge")).toEqual([
      "200 archive → archiveUser(userId=/user/id)",
      "200 get → getUser(userId=/user/id)",
    ]);
  });

  it("lead from an archive to a get (404, or the user inactive) and a second archive (404 or 422)", () => {
    const links = operationLinks(contract, contract.byId("archiveUser")!);
    expect(links.map((link) => [link.target.operationId, link.expect])).toEqual([
      ["getUser", { status: [404, 200], byStatus: { "200": { values: { isActive: false } } } }],
      ["archiveUser", { status: [404, 422] }],
    ]);
  });
});

describe("a $response.header link", () => {
  it("reads a header the response declares, by its lower-cased name, and whether the response requires it", async () => {
    const contract = await editedContract("intercom", "id: $response.body#/id\n    ArchiveUserByUserId", "id: $response.header.X-RateLimit-Limit\n    ArchiveUserByUserId");
    const link = operationLinks(contract, contract.byId("createOrUpdateUser")!).find((candidate) => candidate.name === "archiveById")!;
    expect(link.parameters.map(({ parameter, header }) => [parameter.name, header])).toEqual([["id", { name: "x-ratelimit-limit", required: false }]]);
    // Optional: a lifecycle cannot count on it, so follows it only where the response requires it.
    expect(usableBy(new Set())(link)).toBe(false);
    expect(linkedRequest(link, "created")).toEqual({ method: "DELETE", path: "/users/{{ created-headers.x-ratelimit-limit }}" });
  });
});

describe("a link that does not resolve", () => {
  it.each([
    ["a property the response does not declare", "dfns", "userId: $response.body#/user/id", "userId: $response.body#/user/uid", /createDelegatedRegistrationChallenge 200 link archive: \$response\.body#\/user\/uid names a property the 200 response's schema does not declare/],
    ["a top-level property the response does not declare", "intercom", "id: $response.body#/id\n    ArchiveUserByUserId", "id: $response.body#/intercom_id\n    ArchiveUserByUserId", /createOrUpdateUser 200 link archiveById: \$response\.body#\/intercom_id names a property/],
    ["an operation that does not exist", "dfns", "operationId: archiveUser\n              description: Archive the user just created", "operationId: archiveUsers\n              description: Archive the user just created", /link archive: operationId archiveUsers is not an operation of the contract/],
    ["a parameter the target does not have", "dfns", "userId: $response.body#/user/id\n            get:", "id: $response.body#/user/id\n            get:", /link archive: archiveUser has no parameter id/],
    ["an expression other than the response body", "intercom", "email: $response.body#/email\n    ViewUserById", "email: $request.body#/email\n    ViewUserById", /link archiveByEmail: "\$request\.body#\/email" is not a \$response\.body/],
    ["a header the response does not declare", "intercom", "id: $response.body#/id\n    ArchiveUserByUserId", "id: $response.header.Location\n    ArchiveUserByUserId", /createOrUpdateUser 200 link archiveById: \$response\.header\.Location names a header the 200 response does not declare/],
  ])("is reported: %s", async (_name, api, from, to, problem) => {
    const problems = linkProblems(await editedContract(api, from, to));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join("\n")).toMatch(problem);
  });
});
