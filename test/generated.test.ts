import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { GENERATED_APIS, generatedFile, generateTypes } from "../scripts/generate-types.mjs";

describe.each(GENERATED_APIS)("src/generated/%s.ts", (api) => {
  it("is what openapi-typescript generates from the contract today (else run npm run generate)", async () => {
    const checkedIn = await readFile(generatedFile(api), "utf8");
    expect(checkedIn === (await generateTypes(api)), `src/generated/${api}.ts is stale: run npm run generate`).toBe(true);
  });
});
