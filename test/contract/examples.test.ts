import { describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { collectExamples, loadContract, validateExamples } from "../../src/contract/index.js";
import { API_NAMES } from "../../src/apis/shipped-apis.js";
import { shippedContract } from "../helpers/contracts.js";

describe.each(API_NAMES)("every documented example of the %s contract", async (api) => {
  const contract = await shippedContract(api);
  const examples = collectExamples(contract);

  it("is found in every kind of place an example can stand", () => {
    const places = new Set(
      examples.map(({ location }) => {
        if (location.startsWith("schema ")) return "schema";
        if (location.includes(" parameter ")) return "parameter";
        if (location.includes(" header ")) return "response header";
        if (location.includes(" response ")) return "response body";
        if (location.includes(" request body ")) return "request body";
        return "other";
      }),
    );
    const expected = {
      intercom: ["parameter", "request body", "response body", "response header"],
      dfns: ["parameter", "request body", "response body", "schema"],
    };
    expect([...places].sort()).toEqual(expected[api]);
    expect(examples.length).toBeGreaterThan(100);
  });

  it.each(examples.map((example) => [example.location, example] as const))("%s validates", (_location, example) => {
    expect(contract.validators.forSchema(example.schema)(example.value)).toEqual({ valid: true });
  });

});

describe("example validation", () => {
  it("reports an example that does not match its schema, naming where it stands and the field", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-"));
    const file = path.join(dir, "broken.yaml");
    await writeFile(
      file,
      [
        "openapi: 3.1.0",
        "info: { title: broken, version: '1' }",
        "paths:",
        "  /things/{id}:",
        "    get:",
        "      operationId: getThing",
        "      parameters:",
        "        - { name: id, in: path, required: true, schema: { type: string }, examples: { good: { value: a1 } } }",
        "      responses:",
        "        '200':",
        "          description: ok",
        "          content:",
        "            application/json:",
        "              schema: { type: object, required: [id], properties: { id: { type: string } } }",
        "              examples:",
        "                fine: { value: { id: a1 } }",
        "                numericId: { value: { id: 5714 } }",
      ].join("\n"),
    );
    const { total, failures } = validateExamples(await loadContract(file));
    expect(total).toBe(3);
    expect(failures).toEqual([
      { location: "getThing › response 200 application/json › numericId", issues: [{ pointer: "/id", message: "must be string" }] },
    ]);
  });
});
