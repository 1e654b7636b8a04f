// Regenerates src/generated/<api>.ts from openapi/<api>.yaml (`npm run generate`).
// The staleness test imports generateTypes() and compares its output with the checked-in files.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

export const GENERATED_APIS = ["intercom", "dfns"];

export function generatedFile(api) {
  return fileURLToPath(new URL(`../src/generated/${api}.ts`, import.meta.url));
}

export async function generateTypes(api) {
  const ast = await openapiTS(new URL(`../openapi/${api}.yaml`, import.meta.url), { alphabetize: false });
  const banner = `// Generated from openapi/${api}.yaml by openapi-typescript (npm run generate). Do not edit.\n\n`;
  return banner + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const api of GENERATED_APIS) {
    await writeFile(generatedFile(api), await generateTypes(api));
    console.log(`wrote src/generated/${api}.ts`);
  }
}
