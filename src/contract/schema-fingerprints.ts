import { createHash } from "node:crypto";
import type { SchemaObject } from "./types.js";
import type { ValidatedSchemas } from "./schema-walk.js";

/** A short digest of a schema's content: the build records it so a stale bundle is never misapplied. */
export function schemaFingerprints(schemas: ValidatedSchemas): { plain: string[]; coerced: string[] } {
  const digest = (schema: SchemaObject) => createHash("sha1").update(JSON.stringify(schema)).digest("base64url").slice(0, 16);
  return { plain: schemas.plain.map(digest), coerced: schemas.coerced.map(digest) };
}
