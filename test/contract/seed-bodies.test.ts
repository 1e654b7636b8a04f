import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir, type ApiName } from "../../src/apis/shipped-apis.js";
import { shippedContract } from "../helpers/contracts.js";

interface SeedExample {
  name: string;
  operationId: string;
  response: { status: number; body: Record<string, unknown> };
}

async function seedExamples(api: ApiName): Promise<SeedExample[]> {
  const file = path.join(fixturesDir(api), "seed-archive-examples.json");
  return (JSON.parse(await readFile(file, "utf8")) as { examples: SeedExample[] }).examples;
}

async function responseValidator(api: ApiName, operationId: string, status: number) {
  const contract = await shippedContract(api);
  return contract.validators.responseBody(contract.byId(operationId)!, status)!;
}

describe.each<ApiName>(["intercom", "dfns"])("the %s seed document's response bodies", async (api) => {
  const examples = await seedExamples(api);

  it.each(examples.map((example) => [example.name, example] as const))("%s validates against its response schema", async (_name, example) => {
    const validate = await responseValidator(api, example.operationId, example.response.status);
    expect(validate(example.response.body)).toEqual({ valid: true });
  });
});

describe("a deliberately wrong body is rejected with a message naming the field", () => {
  it.each([
    ["dfns", "archiveUser", { isActive: "false" }, [], { pointer: "/isActive", message: "must be boolean" }],
    ["intercom", "archiveUserById", {}, ["type"], { pointer: "/type", message: "is required but missing" }],
    ["intercom", "archiveUserByQuery", { id: 5714 }, [], { pointer: "/id", message: "must be string" }],
    ["dfns", "archiveUser", {}, ["kind"], { pointer: "/kind", message: "is required but missing" }],
    ["dfns", "archiveUser", { userId: 5714 }, [], { pointer: "/userId", message: "must be string" }],
  ] as const)("%s %s with %j and without %j", async (api, operationId, changes, removed, issue) => {
    const [example] = (await seedExamples(api)).filter((candidate) => candidate.operationId === operationId);
    const body: Record<string, unknown> = { ...example!.response.body, ...changes };
    for (const field of removed) delete body[field];
    const result = (await responseValidator(api, operationId, 200))(body);
    expect(result).toEqual({ valid: false, issues: [issue] });
  });
});
