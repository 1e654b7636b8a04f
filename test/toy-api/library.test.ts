import { describe, expect, it } from "vitest";
import { runConformance } from "archive-kit";
import toy from "./plugin.mjs";

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

  it("does not know the toy without it", async () => {
    await expect(async () => runConformance({ api: "toy" })).rejects.toThrow(/unknown API "toy"/);
  });
});
