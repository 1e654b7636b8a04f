import type { Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import { declaring } from "./links.js";

/** `{{ run.id }}` is filled with 8 hexadecimal characters, `{{ run.number }}` with 15 digits. */
const RUN_TEMPLATE_STAND_INS = { "{{ run.id }}": "00000000", "{{ run.number }}": "777777777777777" } as const;

/**
 * The text with the run's templates filled by stand-ins of their length, to validate what will be
 * sent; undefined when another `{{` is left (a generated value that reads as a template).
 */
export function withStandIns(text: string): string | undefined {
  const filled = Object.entries(RUN_TEMPLATE_STAND_INS).reduce((result, [template, standIn]) => result.replaceAll(template, standIn), text);
  return filled.includes("{{") ? undefined : filled;
}

/** Digits of the nonce in an all-digit value: fixed, so that no two (nonce, value) pairs give the same text. */
const NONCE_DIGITS = 10;

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
 * The value made unique to the run and the example: `ak-{{ run.id }}-<nonce>-` before it; an
 * all-digit value (the documented user_id is "25") stays all-digit, `{{ run.number }}<nonce>`
 * before it, so that what a server does with numeric-looking ids it also does to the users a run
 * creates. What no longer fits `maxLength` loses its start, so an e-mail keeps its domain.
 */
function uniqueText(value: string, maxLength: number, nonce: number): string {
  const prefix = /^\d+$/.test(value) ? `{{ run.number }}${String(nonce).padStart(NONCE_DIGITS, "0")}` : `ak-{{ run.id }}-${nonce.toString(36)}-`;
  const filledLength = withStandIns(prefix)!.length;
  const characters = Array.from(value);
  const excess = Math.max(0, characters.length + filledLength - maxLength);
  return prefix + characters.slice(excess).join("");
}

/**
 * The create body with free-text top-level strings made unique (all of them, or those `only`
 * names): the users a run creates never collide with each other, another run's or the
 * implementation's own (as the shipped cases' `ak-{{ run.id }}-…`).
 */
export function uniqueBody(body: unknown, root: Operation, nonce: number, only?: ReadonlySet<string>): Record<string, unknown> | undefined {
  const schema = root.requestBody?.content?.["application/json"]?.schema as SchemaObject | undefined;
  if (!schema || typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => {
      const schemas = declaring(schema, name);
      if (typeof value !== "string" || (only && !only.has(name)) || schemas.length === 0 || !schemas.every(takesPrefix)) return [name, value];
      const maxLength = Math.min(MAX_TEXT_LENGTH, ...schemas.map((property) => property.maxLength ?? Infinity));
      return [name, uniqueText(value, maxLength, nonce)];
    }),
  );
}
