import { createRequire } from "node:module";
import type { Ajv2020 } from "ajv/dist/2020.js";

const require = createRequire(import.meta.url);

/**
 * An ajv instance configured for OpenAPI 3.1 schemas. ajv is loaded on first use only: a contract
 * whose validators `npm run build` precompiled never needs it, which keeps start-up short.
 * `standalone` turns on code generation for precompiled modules (the build's use).
 */
export function createAjv(options: { coerceTypes: boolean; standalone?: boolean }): Ajv2020 {
  const { Ajv2020: Ajv, _ } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
  // Unknown keywords and formats are errors (they are typos); OpenAPI's common
  // `anyOf: [{required: [a]}, {required: [b]}]` idiom is not.
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    validateFormats: true,
    coerceTypes: options.coerceTypes,
    ...(options.standalone ? { code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } } : {}),
  });
  addFormats(ajv);
  // OpenAPI 3.1 adds these keywords to JSON Schema; they annotate, they do not validate.
  ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs"]);
  return ajv;
}
