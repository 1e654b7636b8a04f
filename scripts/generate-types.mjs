// Regenerates src/generated/<api>.ts from openapi/<api>.yaml (`npm run generate`).
// The staleness test imports generateTypes() and compares its output with the checked-in files.
import { readdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";
import openapiTS, { astToString } from "openapi-typescript";

/** Every contract of openapi/ gets its types: the folder is the list (the API plugins name the same files). */
export const GENERATED_APIS = readdirSync(new URL("../openapi/", import.meta.url))
  .filter((name) => name.endsWith(".yaml"))
  .map((name) => name.slice(0, -".yaml".length))
  .sort();
/** Every generated file: one per API contract, and the conformance case format. */
export const GENERATED = [...GENERATED_APIS, "case"];

export function generatedFile(api) {
  return fileURLToPath(new URL(`../src/generated/${api}.ts`, import.meta.url));
}

export async function generateTypes(name) {
  return name === "case" ? generateCaseTypes() : generateApiTypes(name);
}

async function generateCaseTypes() {
  const schema = JSON.parse(await readFile(new URL("../conformance/case.schema.json", import.meta.url), "utf8"));
  return compile(schema, "ConformanceCase", {
    bannerComment: "// Generated from conformance/case.schema.json by json-schema-to-typescript (npm run generate). Do not edit.",
    additionalProperties: false,
    style: { printWidth: 120 },
  });
}

async function generateApiTypes(api) {
  const ast = await openapiTS(new URL(`../openapi/${api}.yaml`, import.meta.url), { alphabetize: false });
  const banner = `// Generated from openapi/${api}.yaml by openapi-typescript (npm run generate). Do not edit.\n\n`;
  return banner + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const name of GENERATED) {
    await writeFile(generatedFile(name), await generateTypes(name));
    console.log(`wrote src/generated/${name}.ts`);
  }
}
