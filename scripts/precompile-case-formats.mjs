// Part of `npm run build` (after tsc): precompiles the case format (conformance/case.schema.json),
// composed with each built-in API's request extension and with none (plugins without one), into
// dist/case-formats/<fingerprint>.cjs, one ajv standalone module each. `verify` then checks its
// case files without loading or running ajv's compiler (src/conformance/case-format.ts); any other
// composition (a plugin's own extension) is compiled at run time.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import standaloneCode from "ajv/dist/standalone/index.js";
import { BUILTIN_PLUGINS } from "../dist/apis/plugins.js";
import { caseFormatFingerprint, caseFormatSchema, PRECOMPILED_CASE_FORMATS } from "../dist/conformance/case-format.js";
import { createAjv } from "../dist/contract/ajv.js";

await rm(PRECOMPILED_CASE_FORMATS, { recursive: true, force: true });
await mkdir(PRECOMPILED_CASE_FORMATS, { recursive: true });
const extensions = new Set([undefined, ...BUILTIN_PLUGINS.map((plugin) => plugin.caseRequestSchema)]);
for (const extension of extensions) {
  const schema = caseFormatSchema(extension);
  const ajv = createAjv({ coerceTypes: false, standalone: true });
  ajv.addSchema(schema, "validate");
  await writeFile(path.join(PRECOMPILED_CASE_FORMATS, `${caseFormatFingerprint(schema)}.cjs`), standaloneCode.default(ajv, { validate: "validate" }));
}
console.log(`conformance/case.schema.json: ${extensions.size} case formats precompiled`);
