import type { HeaderObject, Operation, SchemaObject } from "./types.js";
import type { Document } from "./types.js";

/** The schemas a contract validates with, split by whether their input arrives as text. */
export interface ValidatedSchemas {
  /** JSON values: request and response bodies, and every named component schema. */
  plain: SchemaObject[];
  /** Text coerced to its type first: parameters and response headers. */
  coerced: SchemaObject[];
}

/**
 * Lists them in a fixed order, each schema object once. The build precompiles validators in this
 * order and the loader maps them back by position, so both must walk the same way: through here.
 */
export function validatedSchemas(document: Document, operations: Operation[]): ValidatedSchemas {
  const plain = new Set<SchemaObject>();
  const coerced = new Set<SchemaObject>();
  const add = (set: Set<SchemaObject>, schema: unknown) => {
    if (schema && typeof schema === "object") set.add(schema as SchemaObject);
  };
  for (const operation of operations) {
    for (const parameter of operation.parameters) add(coerced, parameter.schema);
    for (const media of Object.values(operation.requestBody?.content ?? {})) add(plain, media.schema);
    for (const response of Object.values(operation.responses)) {
      for (const media of Object.values(response.content ?? {})) add(plain, media.schema);
      for (const header of Object.values(response.headers ?? {})) add(coerced, (header as HeaderObject).schema);
    }
  }
  for (const schema of Object.values(document.components?.schemas ?? {})) add(plain, schema);
  return { plain: [...plain], coerced: [...coerced] };
}
