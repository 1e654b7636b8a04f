import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { GENERATED, generatedFile, generateTypes } from "../scripts/generate-types.mjs";

describe.each(GENERATED)("src/generated/%s.ts", (api) => {
  it("is what the generator makes of its schema today (else run npm run generate)", async () => {
    const checkedIn = await readFile(generatedFile(api), "utf8");
    expect(checkedIn === (await generateTypes(api)), `src/generated/${api}.ts is stale: run npm run generate`).toBe(true);
  });
});
