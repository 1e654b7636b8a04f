import { readFile, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { API_NAMES, contractFile } from "../../src/apis/shipped-apis.js";
import { dereferenceInternal } from "../../src/contract/dereference.js";
import { loadContract, validateExamples } from "../../src/contract/index.js";

describe.each(API_NAMES)("the build's bundle of the %s contract", (api) => {
  it("dereferences to exactly what swagger-parser produces", async () => {
    const source = load(await readFile(contractFile(api), "utf8")) as never;
    const ours = dereferenceInternal(structuredClone(source));
    const theirs = await SwaggerParser.dereference(structuredClone(source));
    expect(ours).toEqual(theirs);
  });

  it("is what the shipped contract loads from after npm run build", async () => {
    expect((await loadContract(contractFile(api))).prebuilt).toBe(true);
  });

  it("shares one object per component, so each validator is compiled once", async () => {
    const contract = await loadContract(contractFile(api));
    const schemas = contract.document.components!.schemas!;
    const first = Object.values(schemas)[0];
    const users = contract.operations.flatMap((operation) =>
      Object.values(operation.responses).map((response) => response.content?.["application/json"]?.schema),
    );
    expect(users.filter((schema) => schema === schemas.User).length).toBeGreaterThan(1);
    expect(first).toBeDefined();
  });
});

describe("a contract edited after the build", () => {
  it("is validated afresh instead of trusting the bundle", async () => {
    const text = await readFile(contractFile("intercom"), "utf8");
    const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-"));
    const edited = path.join(dir, "intercom.yaml");
    await writeFile(edited, text.replace("operationId: archiveUserById", "operationId: 42"));
    await expect(loadContract(edited)).rejects.toThrow(/not a valid OpenAPI document: .*operationId.* — fix the document/);
  });

  it("with a wrong example is judged by freshly compiled validators", async () => {
    const text = await readFile(contractFile("intercom"), "utf8");
    const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-"));
    const edited = path.join(dir, "intercom.yaml");
    await writeFile(edited, text.replace('        user_id: "25"\n        anonymous: false', '        user_id: 25\n        anonymous: false'));
    const contract = await loadContract(edited);
    expect(contract.prebuilt).toBe(false);
    const { failures } = validateExamples(contract);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((failure) => failure.issues.some((issue) => issue.pointer.endsWith("/user_id")))).toBe(true);
  });
});
