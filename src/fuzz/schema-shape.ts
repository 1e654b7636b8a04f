import type { SchemaObject } from "../contract/types.js";

export type JsonType = "string" | "integer" | "number" | "boolean" | "null" | "object" | "array";

/**
 * Derived schemas are made once per source schema and kept: validators are compiled and cached
 * per schema object, so a fresh object per request would compile (and keep) a validator each time.
 */
function memoized<T>(derive: (schema: SchemaObject) => T): (schema: SchemaObject) => T {
  const cache = new WeakMap<SchemaObject, T>();
  return (schema) => {
    if (!cache.has(schema)) cache.set(schema, derive(schema));
    return cache.get(schema)!;
  };
}

/** A schema's `allOf` folded into it: properties merged, `required` united, other keywords kept from the first that sets them. */
export const flattenAllOf: (schema: SchemaObject) => SchemaObject = memoized((schema) => {
  if (!schema.allOf) return schema;
  const { allOf, ...rest } = schema;
  return (allOf as SchemaObject[]).map(flattenAllOf).reduce(mergeSchemas, rest as SchemaObject);
});

/** `extra`'s keywords added to `base` (base wins on a conflict); properties merged and `required` united. */
export function mergeSchemas(base: SchemaObject, extra: SchemaObject): SchemaObject {
  const merged = { ...extra, ...base } as SchemaObject;
  if (base.properties || extra.properties) merged.properties = { ...extra.properties, ...base.properties };
  if (base.required || extra.required) merged.required = [...new Set([...(base.required ?? []), ...(extra.required ?? [])])];
  return merged;
}

/** The alternatives of a `oneOf`/`anyOf`, each merged with the keywords beside it; undefined when there is none. */
export const alternatives: (schema: SchemaObject) => SchemaObject[] | undefined = memoized((schema) => {
  const branches = (schema.oneOf ?? schema.anyOf) as SchemaObject[] | undefined;
  if (!branches) return undefined;
  const { oneOf: _oneOf, anyOf: _anyOf, ...siblings } = schema;
  return branches.map((branch) => mergeSchemas(flattenAllOf(branch), siblings as SchemaObject));
});

/** The JSON types a schema admits, declared or implied by its keywords; undefined when any type goes. */
export function admittedTypes(schema: SchemaObject): JsonType[] | undefined {
  if (schema.type) return (Array.isArray(schema.type) ? schema.type : [schema.type]) as JsonType[];
  if (schema.properties || schema.required || schema.additionalProperties !== undefined || schema.maxProperties !== undefined) return ["object"];
  if (itemsOf(schema)) return ["array"];
  return undefined;
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

/** Whether a value's JSON type is one the types admit (an integer is a number). */
export function typeAdmits(types: JsonType[], value: unknown): boolean {
  const type = jsonTypeOf(value);
  return types.includes(type) || (type === "integer" && types.includes("number"));
}

const withoutCache = new WeakMap<SchemaObject, Map<string, SchemaObject>>();

/**
 * The schema with one keyword removed, the same object each time (validators are cached per
 * schema object). A value valid without the keyword and invalid with it breaks that keyword only.
 */
export function withoutKeyword(schema: SchemaObject, keyword: string): SchemaObject {
  let byKeyword = withoutCache.get(schema);
  if (!byKeyword) withoutCache.set(schema, (byKeyword = new Map()));
  let reduced = byKeyword.get(keyword);
  if (!reduced) {
    const { [keyword]: _removed, ...rest } = schema as Record<string, unknown>;
    byKeyword.set(keyword, (reduced = rest as SchemaObject));
  }
  return reduced;
}

/** Length in code points, as JSON Schema counts it. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** An array schema's `items` schema (the OpenAPI types put `items` on array schemas only). */
export function itemsOf(schema: SchemaObject): SchemaObject | undefined {
  return (schema as { items?: SchemaObject }).items;
}

/** A property name as a JSON pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
