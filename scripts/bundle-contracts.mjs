// Part of `npm run build` (after tsc). For each openapi/*.yaml it validates the document with
// swagger-parser, stores its parsed form as dist/contracts/<sha256 of the YAML>.json and its
// dereferenced form as dist/contracts/<hash>/document.json (a shared graph: each component once),
// and precompiles every validator the contract needs into dist/contracts/<hash>/p<n>.cjs (bodies)
// and c<n>.cjs (parameters and headers), one ajv standalone module each. At run time a contract
// with that exact text skips YAML parsing, OpenAPI validation, dereferencing and ajv compilation
// (src/contract/load.ts); any other text takes the full path.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import SwaggerParser from "@apidevtools/swagger-parser";
import standaloneCode from "ajv/dist/standalone/index.js";
import { load } from "js-yaml";
import { createAjv } from "../dist/contract/ajv.js";
import { dereferenceInternal } from "../dist/contract/dereference.js";
import { indexOperations } from "../dist/contract/operations.js";
import { schemaFingerprints } from "../dist/contract/schema-fingerprints.js";
import { validatedSchemas } from "../dist/contract/schema-walk.js";
import { toSharedGraph } from "../dist/contract/shared-graph.js";

const root = new URL("..", import.meta.url);
const outDir = new URL("dist/contracts/", root);
await mkdir(outDir, { recursive: true });

/** One CommonJS module per schema, so that a server loads only the validators it uses. */
async function precompile(schemas, coerceTypes, dir, prefix) {
  for (const [i, schema] of schemas.entries()) {
    const ajv = createAjv({ coerceTypes, standalone: true });
    ajv.addSchema(schema, "validate");
    await writeFile(new URL(`${prefix}${i}.cjs`, dir), standaloneCode.default(ajv, { validate: "validate" }));
  }
}

for (const name of await readdir(new URL("openapi/", root))) {
  if (!name.endsWith(".yaml")) continue;
  const text = await readFile(new URL(`openapi/${name}`, root), "utf8");
  const source = load(text);
  await SwaggerParser.validate(structuredClone(source));
  const hash = createHash("sha256").update(text).digest("hex");
  const document = dereferenceInternal(structuredClone(source));
  const schemas = validatedSchemas(document, indexOperations(document).operations);
  await writeFile(new URL(`${hash}.json`, outDir), JSON.stringify(source));
  const validatorsDir = new URL(`${hash}/`, outDir);
  await mkdir(validatorsDir, { recursive: true });
  await writeFile(new URL("document.json", validatorsDir), JSON.stringify(toSharedGraph(document)));
  await precompile(schemas.plain, false, validatorsDir, "p");
  await precompile(schemas.coerced, true, validatorsDir, "c");
  await writeFile(new URL("fingerprints.json", validatorsDir), JSON.stringify(schemaFingerprints(schemas)));
  console.log(`openapi/${name}: bundled, ${schemas.plain.length + schemas.coerced.length} validators precompiled`);
}
