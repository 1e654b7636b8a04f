import fc from "fast-check";
import type { SchemaObject } from "../contract/types.js";
import type { ViolationKind } from "./types.js";
import { ANY_VALUE, numberBounds, stringBetween, stringOfLength, UNICODE_PROPERTY_NAMES, valueArbitrary, type Medium } from "./schema-arbitrary.js";
import { admittedTypes, escapePointer, typeAdmits } from "./schema-shape.js";

/** One way to break one keyword of a schema at one place. */
export interface Mutation {
  kind: ViolationKind;
  /** The keyword broken: the value is proven to break it alone by validating without it. */
  keyword: string;
  detail: string;
  /** The value that replaces the original (undefined: the value is removed), and what the location gains ("/extra"). */
  replacement: fc.Arbitrary<{ value: unknown; suffix: string }>;
}

const at = (value: fc.Arbitrary<unknown>, suffix = "") => value.map((replaced) => ({ value: replaced, suffix }));

/** Texts that are no JSON number and no boolean, for parameters whose schema is not a string. */
const NON_SCALAR_TEXTS = ["fuzz", "1.5", "1e400", "true", "[]"];
/** JSON values of every type: those a schema's `type` does not admit break it. */
const JSON_SAMPLES: unknown[] = ["fuzz", 42, 1.5, true, null, [], {}];

/** Values outside each format the contracts use; a format not listed gets no format mutation. */
const MALFORMED: Record<string, string[]> = {
  email: ["no-at-sign", "user@", "@example.com", "two@@example.com", "user name@example.com"],
  uuid: ["not-a-uuid", "123e4567-e89b-12d3-a456-42661417400", "123e4567e89b12d3a456426614174000"],
  "date-time": ["yesterday", "2024-13-01T00:00:00Z", "2024-01-01 25:00"],
  date: ["2024-13-01", "01/02/2024"],
  uri: ["not a uri", "://missing-scheme"],
};

/**
 * Mutations of a scalar place (a parameter, a body property): type, enum/const, format, pattern,
 * length and range. Parameters travel as text: a "type" mutation exists only for schemas that
 * do not admit strings (query text "null" is a valid string).
 */
export function scalarMutations(schema: SchemaObject, medium: Medium, name: string): Mutation[] {
  let byPlace = scalarCache.get(schema);
  if (!byPlace) scalarCache.set(schema, (byPlace = new Map()));
  const key = `${medium} ${name}`;
  let mutations = byPlace.get(key);
  if (!mutations) byPlace.set(key, (mutations = buildScalarMutations(schema, medium, name)));
  return mutations;
}

/** Built once per schema and place: a request generator asks for them for every drawn request. */
const scalarCache = new WeakMap<SchemaObject, Map<string, Mutation[]>>();

function buildScalarMutations(schema: SchemaObject, medium: Medium, name: string): Mutation[] {
  const mutations: Mutation[] = [];
  const render = (value: unknown) => (medium === "json" || typeof value === "string" ? value : String(value));
  const types = admittedTypes(schema);
  if (types && (medium === "json" || !types.includes("string"))) {
    const pool = medium === "json" ? JSON_SAMPLES.filter((sample) => !typeAdmits(types, sample)) : NON_SCALAR_TEXTS;
    if (pool.length > 0) {
      mutations.push({ kind: "type", keyword: "type", detail: `${name} not of type ${types.join(" or ")}`, replacement: at(fc.constantFrom(...pool)) });
    }
  }
  const allowed = schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
  if (allowed) {
    const keyword = schema.enum ? "enum" : "const";
    mutations.push({ kind: "enum", keyword, detail: `${name} not one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`, replacement: at(outsideOf(allowed, medium).map(render)) });
    return mutations;
  }
  const admitsString = !types || types.includes("string");
  if (admitsString) mutations.push(...stringMutations(schema, medium, name));
  if (!types || types.includes("integer") || types.includes("number")) mutations.push(...rangeMutations(schema, name, render));
  return mutations;
}

function outsideOf(allowed: unknown[], medium: Medium): fc.Arbitrary<unknown> {
  const strings = allowed.filter((value): value is string => typeof value === "string");
  const numbers = allowed.filter((value): value is number => typeof value === "number");
  const candidates: fc.Arbitrary<unknown>[] = [stringBetween(1, 12, medium)];
  // A near miss (other letter case) finds servers that compare loosely.
  if (strings.length > 0) candidates.push(fc.constantFrom(...strings).map(swapCase));
  if (numbers.length > 0) candidates.push(fc.constant(Math.max(...numbers) + 1));
  return fc.oneof(...candidates).filter((value) => !allowed.includes(value));
}

function swapCase(text: string): string {
  return text === text.toLowerCase() ? text.toUpperCase() : text.toLowerCase();
}

function stringMutations(schema: SchemaObject, medium: Medium, name: string): Mutation[] {
  const mutations: Mutation[] = [];
  const { minLength = 0, maxLength, pattern, format } = schema;
  const malformed = format ? MALFORMED[format] : undefined;
  if (malformed && !pattern) {
    const sendable = medium === "header" ? malformed.filter((text) => /^[\x21-\x7e]+$/.test(text)) : malformed;
    if (sendable.length > 0) mutations.push({ kind: "format", keyword: "format", detail: `${name} not a valid ${format}`, replacement: at(fc.constantFrom(...sendable)) });
  }
  if (pattern) {
    const matches = new RegExp(pattern, "u");
    const longest = Math.min(maxLength ?? minLength + 24, minLength + 24);
    const text = stringBetween(Math.max(1, minLength), Math.max(1, longest), medium).filter((candidate) => !matches.test(candidate));
    mutations.push({ kind: "pattern", keyword: "pattern", detail: `${name} not matching ${pattern}`, replacement: at(text) });
    // Length mutations of a patterned string would break the pattern too: not one constraint.
    return mutations;
  }
  if (format) return mutations;
  // An empty header or path segment cannot be sent: a case drops an empty header, a path loses its segment.
  const emptySendable = medium === "json" || medium === "query";
  if (minLength > 0 && (minLength > 1 || emptySendable)) {
    mutations.push({ kind: "length", keyword: "minLength", detail: `${name} shorter than minLength ${minLength}`, replacement: at(stringOfLength(minLength - 1, medium)) });
  }
  if (maxLength !== undefined) {
    // From one past the limit to ten times it: shrinking brings a failure back to maxLength + 1.
    const tooLong = fc.integer({ min: maxLength + 1, max: Math.max(maxLength + 1, maxLength * 10) }).chain((length) => stringOfLength(length, medium));
    mutations.push({ kind: "length", keyword: "maxLength", detail: `${name} longer than maxLength ${maxLength}`, replacement: at(tooLong) });
  }
  return mutations;
}

function rangeMutations(schema: SchemaObject, name: string, render: (value: unknown) => unknown): Mutation[] {
  const mutations: Mutation[] = [];
  const { min, max, minExcluded, maxExcluded } = numberBounds(schema);
  const step = schema.type === "integer" || (Array.isArray(schema.type) && schema.type.includes("integer")) ? 1 : 0.5;
  if (min !== undefined) {
    const keyword = minExcluded ? "exclusiveMinimum" : "minimum";
    const below = minExcluded ? [min, min - step] : [min - step, min - 1000];
    mutations.push({ kind: "range", keyword, detail: `${name} below ${keyword} ${min}`, replacement: at(fc.constantFrom(...below).map(render)) });
  }
  if (max !== undefined) {
    const keyword = maxExcluded ? "exclusiveMaximum" : "maximum";
    const above = maxExcluded ? [max, max + step] : [max + step, max + 1000];
    mutations.push({ kind: "range", keyword, detail: `${name} above ${keyword} ${max}`, replacement: at(fc.constantFrom(...above).map(render)) });
  }
  const outsideInt32 = [2 ** 31, -(2 ** 31) - 1].filter((value) => (min === undefined || value > min) && (max === undefined || value < max));
  if (schema.format === "int32" && outsideInt32.length > 0) {
    mutations.push({ kind: "format", keyword: "format", detail: `${name} outside int32`, replacement: at(fc.constantFrom(...outsideInt32).map(render)) });
  }
  return mutations;
}

/** Names no contract property is likely to have: added where no further property is allowed. */
/**
 * Names of a property the contract forbids: identifier-like ones, and ones outside Latin-1 that
 * servers mishandle (a CJK character, an astral-plane letter, a combining accent, right-to-left
 * letters: UNICODE_PROPERTY_NAMES). Prism 5.14 copies such a name into a response header and dies of it.
 */
const UNKNOWN_PROPERTY_NAMES = ["unexpectedProperty", "isAdmin", "extra", "__fuzz", ...UNICODE_PROPERTY_NAMES];

/**
 * Mutations of an object present in a body: a required property dropped, and a property added
 * where `additionalProperties: false` (or `maxProperties`) allows none.
 */
export function objectMutations(schema: SchemaObject, object: Record<string, unknown>, name: string): Mutation[] {
  const mutations: Mutation[] = [];
  for (const property of (schema.required ?? []) as string[]) {
    if (!(property in object)) continue;
    const { [property]: _dropped, ...rest } = object;
    mutations.push({ kind: "required", keyword: "required", detail: `${property} (required) missing`, replacement: at(fc.constant(rest), `/${escapePointer(property)}`) });
  }
  const known = Object.keys(schema.properties ?? {});
  const unknownNames = UNKNOWN_PROPERTY_NAMES.filter((candidate) => !known.includes(candidate) && !(candidate in object));
  const added = fc.tuple(fc.constantFrom(...unknownNames), valueArbitrary(ANY_VALUE, "json"));
  if (schema.additionalProperties === false) {
    const replacement = added.map(([extra, value]) => ({ value: { ...object, [extra]: value }, suffix: `/${escapePointer(extra)}` }));
    mutations.push({ kind: "additionalProperties", keyword: "additionalProperties", detail: `${name} with a property the contract forbids`, replacement });
  } else if (schema.maxProperties !== undefined && Object.keys(object).length >= schema.maxProperties) {
    const replacement = added.map(([extra, value]) => ({ value: { ...object, [extra]: value }, suffix: "" }));
    mutations.push({ kind: "additionalProperties", keyword: "maxProperties", detail: `${name} with more than maxProperties ${schema.maxProperties}`, replacement });
  }
  return mutations;
}
