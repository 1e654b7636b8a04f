import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { createAjv } from "../contract/ajv.js";
import type { SchemaObject } from "../contract/types.js";
import { packageRoot } from "../package-root.js";

const require = createRequire(import.meta.url);

type CaseFormatSchema = SchemaObject & { $defs: Record<string, SchemaObject> };

/** No extension: a request holds the generic fields only. */
const NO_EXTENSION: SchemaObject = { type: "object" };

/** Where `npm run build` puts the case format's precompiled validators, one per request extension. */
export const PRECOMPILED_CASE_FORMATS = path.join(packageRoot, "dist", "case-formats");

/** The case format with an API's request extension put in its extension point (`$defs/requestExtension`). */
export function caseFormatSchema(requestExtension: SchemaObject = NO_EXTENSION): CaseFormatSchema {
  const generic = require(path.join(packageRoot, "conformance", "case.schema.json")) as CaseFormatSchema;
  return { ...generic, $defs: { ...generic.$defs, requestExtension } };
}

/** Names a composed case format by its content: a precompiled validator is used only for the very schema it was built from. */
export function caseFormatFingerprint(schema: SchemaObject): string {
  return createHash("sha256").update(JSON.stringify(schema)).digest("base64url").slice(0, 22);
}

/**
 * A validate function for the composed case format: the build's precompiled one when it was built
 * from this schema (loading and compiling ajv costs a verify run more than its cases), else compiled now.
 */
export function compileCaseFormat(schema: SchemaObject): ValidateFunction {
  try {
    return (require(path.join(PRECOMPILED_CASE_FORMATS, `${caseFormatFingerprint(schema)}.cjs`)) as { validate: ValidateFunction }).validate;
  } catch {
    return createAjv({ coerceTypes: false }).compile(schema);
  }
}
