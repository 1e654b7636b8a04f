import fc from "fast-check";
import type { SchemaObject } from "../contract/types.js";
import { admittedTypes, alternatives, flattenAllOf, itemsOf, type JsonType } from "./schema-shape.js";

/** Where a generated value travels: JSON bodies and query strings carry any text; headers visible ASCII only; paths never "." or "..". */
export type Medium = "json" | "query" | "path" | "header";

/** Strings with no maxLength reach this length: long but valid values find servers that break on them. */
export const LONG_VALID_LENGTH = 400;

/**
 * Characters drawn by an index into `count` code points from `first`, turned so that index 0 is
 * "a": fast-check shrinks an integer towards 0, so a shrunk string is "aaa…", not NULs or spaces.
 * The characters just below "a" (NUL and the controls, for the widest range) sit at the top end,
 * where fast-check's bias for the bounds still draws them.
 */
function rotatedToA(first: number, count: number): { toCode: (index: number) => number; toIndex: (code: number) => number } {
  const shift = "a".charCodeAt(0) - first;
  return {
    toCode: (index) => first + ((index + shift) % count),
    toIndex: (code) => (code - first - shift + count) % count,
  };
}

/** One character from `first` to `last` (codes below 0x10000), shrinking towards "a". */
function charactersFromA(first: number, last: number): fc.Arbitrary<string> {
  const range = rotatedToA(first, last - first + 1);
  return fc.integer({ min: 0, max: last - first }).map((index) => String.fromCharCode(range.toCode(index)));
}

const headerCharacter = charactersFromA(0x21, 0x7e);

const SURROGATES = { first: 0xd800, count: 0x800 };
const codePointRange = rotatedToA(0, 0x110000 - SURROGATES.count);
/**
 * Any one code point but a lone surrogate, as fast-check's "binary" unit draws. Its own mapping:
 * the "binary" unit builds a reverse map of all 1.1 million code points at import (seconds on a
 * loaded machine). The unmapper lets fast-check splice its risky strings (`__proto__`…) in.
 */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff - SURROGATES.count }).map(
  (index) => {
    const code = codePointRange.toCode(index);
    return String.fromCodePoint(code < SURROGATES.first ? code : code + SURROGATES.count);
  },
  (value) => {
    const code = typeof value === "string" && value.length <= 2 ? value.codePointAt(0) : undefined;
    if (code === undefined || String.fromCodePoint(code) !== value || (code >= SURROGATES.first && code < SURROGATES.first + SURROGATES.count)) throw new Error("not one code point");
    return codePointRange.toIndex(code < SURROGATES.first ? code : code - SURROGATES.count);
  },
);
/** Mostly printable ASCII, sometimes any code point (one code point per unit: JSON Schema lengths count code points). */
const anyCharacter = fc.oneof(
  { weight: 6, arbitrary: charactersFromA(0x20, 0x7e) },
  { weight: 1, arbitrary: anyCodePoint },
);

export function characterOf(medium: Medium): fc.Arbitrary<string> {
  return medium === "header" ? headerCharacter : anyCharacter;
}

/** Arbitraries are immutable: each is built once and drawn from by every request (building one costs more than a draw). */
const stringsOfLength: Record<"header" | "other", Map<number, fc.Arbitrary<string>>> = { header: new Map(), other: new Map() };

/** A string of exactly `length` code points that can travel in the medium. */
export function stringOfLength(length: number, medium: Medium): fc.Arbitrary<string> {
  const built = stringsOfLength[medium === "header" ? "header" : "other"];
  let strings = built.get(length);
  if (!strings) built.set(length, (strings = fc.string({ unit: characterOf(medium), minLength: length, maxLength: length })));
  return strings;
}

/** Most strings stay short: long ones are slow to build and one long field per request finds as much. */
const TYPICAL_LENGTH_SPAN = 16;

/**
 * Strings between the bounds. The length is drawn first, biased towards both bounds (exact
 * minLength and maxLength, long but valid), so shrinking a failure shortens the string.
 */
export function stringBetween(min: number, max: number, medium: Medium): fc.Arbitrary<string> {
  const anyLength = fc.integer({ min, max });
  const length = max - min <= TYPICAL_LENGTH_SPAN ? anyLength : fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max: min + TYPICAL_LENGTH_SPAN }) }, { weight: 1, arbitrary: anyLength });
  return length.chain((chosen) => stringOfLength(chosen, medium));
}

/**
 * Values a schema admits, for the subset of JSON Schema the contracts use. Keywords it does not
 * model (multipleOf, uniqueItems, contains…) are left to the caller's validation, which filters.
 */
export function valueArbitrary(schema: SchemaObject, medium: Medium): fc.Arbitrary<unknown> {
  let byMedium = valueArbitraries.get(schema);
  if (!byMedium) valueArbitraries.set(schema, (byMedium = new Map()));
  let values = byMedium.get(medium);
  if (!values) byMedium.set(medium, (values = buildValueArbitrary(schema, medium)));
  return values;
}

/** Per schema object and medium (a pattern's fc.stringMatching alone takes tens of milliseconds to build). */
const valueArbitraries = new WeakMap<SchemaObject, Map<Medium, fc.Arbitrary<unknown>>>();

function buildValueArbitrary(schema: SchemaObject, medium: Medium): fc.Arbitrary<unknown> {
  const flat = flattenAllOf(schema);
  if (flat.const !== undefined) return fc.constant(flat.const);
  if (flat.enum) return fc.constantFrom(...(flat.enum as unknown[]));
  const branches = alternatives(flat);
  if (branches) return fc.oneof(...branches.map((branch) => valueArbitrary(branch, medium)));
  const types = admittedTypes(flat);
  if (!types) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((type) => typedArbitrary(type, flat, medium)));
}

function typedArbitrary(type: JsonType, schema: SchemaObject, medium: Medium): fc.Arbitrary<unknown> {
  switch (type) {
    case "string":
      return stringArbitrary(schema, medium);
    case "integer":
      return fc.integer(integerBounds(schema));
    case "number":
      return fc.double({ ...numberBounds(schema), noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(valueArbitrary(itemsOf(schema) ?? {}, medium), {
        minLength: schema.minItems ?? 0,
        maxLength: schema.maxItems ?? (schema.minItems ?? 0) + 3,
      });
    case "object":
      return objectArbitrary(schema);
  }
}

/**
 * Strings that read as another JSON type: numbers (the documented user_id is "25"), booleans,
 * null, an empty array or object. A server that parses or coerces what should stay a string
 * answers them with a number or a boolean, or refuses them.
 */
export const JSON_LOOKALIKES = ["25", "0", "-0", "007", "1e3", "1.5", "-1", "9007199254740993", "true", "false", "null", "[]", "{}"] as const;

/** One string in five is a JSON look-alike, where the bounds admit one. */
const LOOKALIKE_WEIGHT = { plain: 4, lookalike: 1 };

function stringArbitrary(schema: SchemaObject, medium: Medium): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, LONG_VALID_LENGTH);
  const sendable = (text: string) => (medium === "path" ? text !== "." && text !== ".." : true);
  const formatted = schema.format ? formatArbitrary(schema.format) : undefined;
  if (formatted) return formatted;
  if (schema.pattern) {
    const matching = fc.stringMatching(new RegExp(schema.pattern, "u"));
    return (medium === "header" ? matching.filter((text) => /^[\x21-\x7e]+$/.test(text)) : matching).filter(sendable);
  }
  const plain = stringBetween(min, max, medium).filter(sendable);
  const lookalikes = JSON_LOOKALIKES.filter((text) => text.length >= min && text.length <= max);
  if (lookalikes.length === 0) return plain;
  // Plain strings first: fast-check shrinks a failure found on one towards "a…", not a look-alike.
  return fc.oneof({ weight: LOOKALIKE_WEIGHT.plain, arbitrary: plain }, { weight: LOOKALIKE_WEIGHT.lookalike, arbitrary: fc.constantFrom(...lookalikes) });
}

/** Strings of the formats the contracts use; undefined for any other (plain strings, filtered by the validator). */
function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  const dates = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true });
  switch (format) {
    case "email":
      return fc.emailAddress();
    case "uuid":
      return fc.uuid();
    case "date-time":
      return dates.map((date) => date.toISOString());
    case "date":
      return dates.map((date) => date.toISOString().slice(0, 10));
    case "uri":
    case "url":
      return fc.webUrl();
    default:
      return undefined;
  }
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function integerBounds(schema: SchemaObject): { min: number; max: number } {
  const limits = schema.format === "int32" ? INT32 : { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
  const { min, max, minExcluded, maxExcluded } = numberBounds(schema);
  return {
    min: min === undefined ? limits.min : Math.max(limits.min, minExcluded ? Math.floor(min) + 1 : Math.ceil(min)),
    max: max === undefined ? limits.max : Math.min(limits.max, maxExcluded ? Math.ceil(max) - 1 : Math.floor(max)),
  };
}

/** The bounds a number must keep, from minimum/maximum or their exclusive forms. */
export function numberBounds(schema: SchemaObject): { min?: number; max?: number; minExcluded?: boolean; maxExcluded?: boolean } {
  const exclusiveMin = typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : undefined;
  const exclusiveMax = typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum : undefined;
  return {
    ...(schema.minimum !== undefined ? { min: schema.minimum } : exclusiveMin !== undefined ? { min: exclusiveMin, minExcluded: true } : {}),
    ...(schema.maximum !== undefined ? { max: schema.maximum } : exclusiveMax !== undefined ? { max: exclusiveMax, maxExcluded: true } : {}),
  };
}

/** The same object each time, so that its arbitrary is built once. */
const ANY_STRING: SchemaObject = { type: "string" };
export const ANY_VALUE: SchemaObject = {};

/** Identifier-like keys for additional properties: never `__proto__` or another key with a meaning to JavaScript. */
const propertyName = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);

/** Names outside Latin-1, which servers mishandle: a CJK character, an astral-plane letter, a combining accent, right-to-left letters. */
export const UNICODE_PROPERTY_NAMES = ["日", "\u{1D4B3}", "e\u0301", "\u05E9\u05D3\u05D4"] as const;

function objectArbitrary(schema: SchemaObject): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, SchemaObject>;
  const required = (schema.required ?? []) as string[];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = valueArbitrary(property, "json");
  for (const name of required) model[name] ??= valueArbitrary(ANY_STRING, "json");
  if (schema.maxProperties === 0) return fc.constant({});
  const declared = fc.record(model, { requiredKeys: required });
  const extra = schema.additionalProperties;
  if (!extra || typeof extra !== "object") return declared;
  const additional = fc.dictionary(propertyName.filter((name) => !(name in properties)), valueArbitrary(extra as SchemaObject, "json"), { maxKeys: 3 });
  return fc.tuple(declared, additional).map(([known, more]) => ({ ...more, ...known }));
}
