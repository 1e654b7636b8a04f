import { describe, expect, it } from "vitest";
import { runConformance } from "archive-kit";
import toy from "../../examples/toy-api/plugin.mjs";
import { caseFolder } from "../helpers/case-files.js";

// The library's registry line for the toy: `plugins: [toy]`.

describe("runConformance with the toy plugin", () => {
  it("passes both toy cases against the toy's embedded reference", async () => {
    const result = await runConformance({ api: "toy", plugins: [toy] });
    expect(result.cases.map((testCase) => [testCase.id, testCase.status])).toEqual([
      ["toy/deactivate-user", "passed"],
      ["toy/deactivate-without-credentials", "passed"],
    ]);
    expect(result.verdict).toBe("pass");
  });

  it("honours the case format's auth through the kit's helper: an unknown caller skips the case, naming it; a known one sends its token", async () => {
    const cases = caseFolder({
      "01.yaml": ["id: toy/unknown-caller", "title: a caller nobody gave", "source: test", "operation: getUser", "tags: [derived]", "request:", "  method: GET", "  path: /users/u-1", "  auth: nobody", "expect:", "  status: 200"],
      "02.yaml": ["id: toy/known-caller", "title: a caller of the variables", "source: test", "operation: getUser", "tags: [derived]", "request:", "  method: GET", "  path: /users/u-1", "  auth: reader", "expect:", "  status: 401"],
    });
    const result = await runConformance({ api: "toy", plugins: [toy], casesDir: cases, variables: { callers: { reader: { token: "a-token-the-toy-never-issued" } } } });
    expect(Object.fromEntries(result.cases.map((testCase) => [testCase.id, [testCase.status, testCase.reason]]))).toEqual({
      "toy/unknown-caller": ["skipped", expect.stringMatching(/callers\.nobody/)],
      "toy/known-caller": ["passed", undefined],
    });
  });

  it("does not know the toy without it", async () => {
    await expect(async () => runConformance({ api: "toy" })).rejects.toThrow(/unknown API "toy"/);
  });
});
