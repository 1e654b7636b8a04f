import type { Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import { declaring } from "./links.js";

/** `{{ run.id }}` is filled with 8 hexadecimal characters. */
const RUN_ID_LENGTH = 8;

/**
 * A lifecycle needs a user the server accepts: long texts are the input fuzz's business, and a
 * server may refuse them with a documented 400 by limits of its own (usernames of 255 characters).
 */
const MAX_TEXT_LENGTH = 100;

/** A free-text schema: a prefix keeps a value of it valid (e-mails included: the prefix joins the local part). */
function takesPrefix(schema: SchemaObject): boolean {
  return schema.enum === undefined && schema.const === undefined && schema.pattern === undefined && (schema.format === undefined || schema.format === "email");
}

/**
 * The create body with each free-text top-level string prefixed `ak-{{ run.id }}-<nonce>-`: the
 * users a sequence creates never collide with each other, another run's or the implementation's
 * own (as the shipped cases' `ak-{{ run.id }}-…`). What no longer fits a maxLength (or 100
 * characters) loses its start, so an e-mail keeps its domain.
 */
export function uniqueBody(body: unknown, root: Operation, nonce: string): Record<string, unknown> | undefined {
  const schema = root.requestBody?.content?.["application/json"]?.schema as SchemaObject | undefined;
  if (!schema || typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const prefix = `ak-{{ run.id }}-${nonce}-`;
  const prefixLength = prefix.length - "{{ run.id }}".length + RUN_ID_LENGTH;
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => {
      const schemas = declaring(schema, name);
      if (typeof value !== "string" || schemas.length === 0 || !schemas.every(takesPrefix)) return [name, value];
      const maxLength = Math.min(MAX_TEXT_LENGTH, ...schemas.map((property) => property.maxLength ?? Infinity));
      const characters = Array.from(value);
      const excess = Math.max(0, characters.length + prefixLength - maxLength);
      return [name, prefix + characters.slice(excess).join("")];
    }),
  );
}
