// Part of `npm run build` (after tsc). For each openapi/*.yaml it validates the document with
// swagger-parser, stores its parsed form as dist/contracts/<sha256 of the YAML>.json, and
// precompiles every validator the contract needs into <hash>.plain.cjs and <hash>.coerced.cjs
// (ajv standalone code). At run time a contract with that exact text skips YAML parsing, OpenAPI
// validation and ajv compilation (src/contract/load.ts); any other text takes the full path.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import SwaggerParser from "@apidevtools/swagger-parser";
import standaloneCode from "ajv/dist/standalone/index.js";
import { parse } from "yaml";
import { createAjv } from "../dist/contract/ajv.js";
import { dereferenceInternal } from "../dist/contract/dereference.js";
import { indexOperations } from "../dist/contract/operations.js";
import { schemaFingerprints, validatedSchemas } from "../dist/contract/schema-walk.js";

const root = new URL("..", import.meta.url);
const outDir = new URL("dist/contracts/", root);
await mkdir(outDir, { recursive: true });

function precompile(schemas, coerceTypes, prefix) {
  const ajv = createAjv({ coerceTypes, standalone: true });
  const exports = {};
  schemas.forEach((schema, i) => {
    ajv.addSchema(schema, `${prefix}${i}`);
    exports[`${prefix}${i}`] = `${prefix}${i}`;
  });
  return standaloneCode.default(ajv, exports);
}

for (const name of await readdir(new URL("openapi/", root))) {
  if (!name.endsWith(".yaml")) continue;
  const text = await readFile(new URL(`openapi/${name}`, root), "utf8");
  const source = parse(text, { maxAliasCount: -1 });
  await SwaggerParser.validate(structuredClone(source));
  const hash = createHash("sha256").update(text).digest("hex");
  const document = dereferenceInternal(structuredClone(source));
  const schemas = validatedSchemas(document, indexOperations(document).operations);
  await writeFile(new URL(`${hash}.json`, outDir), JSON.stringify(source));
  await writeFile(new URL(`${hash}.plain.cjs`, outDir), precompile(schemas.plain, false, "p"));
  await writeFile(new URL(`${hash}.coerced.cjs`, outDir), precompile(schemas.coerced, true, "c"));
  await writeFile(new URL(`${hash}.fingerprints.json`, outDir), JSON.stringify(schemaFingerprints(schemas)));
  console.log(`openapi/${name}: bundled, ${schemas.plain.length + schemas.coerced.length} validators precompiled`);
}
