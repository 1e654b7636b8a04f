/** A case whose executed steps failed is failed, whatever a later step lacks (issue 14, item 5). */
import { describe, expect, it } from "vitest";
import { runConformance } from "../../src/wiring.js";
import { caseFolder } from "../helpers/case-files.js";

function caseDir(bindStatus: number): string {
  return caseFolder({
    "view-then-archive.yaml": [
      "id: intercom/view-then-archive",
      "title: A view whose answer a later step needs",
      "source: written for this test",
      "operation: viewUserById",
      "tags: [derived]",
      "request: { method: GET, path: /users/5714dd359a3fd47136000001 }",
      `expect: { status: ${bindStatus}, bind: found }`,
      "then:",
      '  - request: { method: GET, path: "/users/{{ found.missing_field }}" }',
      "    expect: { status: 200 }",
    ],
  });
}

describe("a later step missing a variable", () => {
  it("does not turn a failed step into a skipped case", async () => {
    // The reference answers 200: the first step fails its expected 404, then the next lacks found.missing_field.
    const result = await runConformance({ api: "intercom", casesDir: caseDir(404) });
    expect(result.cases[0]!.status).toBe("failed");
    expect(result.cases[0]!.reason).toMatch(/a later step needs the variable found\.missing_field/);
    expect(result.verdict).toBe("fail");
  });

  it("still skips a case whose steps all passed before the missing variable", async () => {
    const result = await runConformance({ api: "intercom", casesDir: caseDir(200) });
    expect(result.cases[0]!.status).toBe("skipped");
  });
});
