import type { SchemaObject } from "../contract/types.js";
import { alternatives, escapePointer, flattenAllOf, itemsOf } from "./schema-shape.js";

/** A place in a JSON value with the schema that governs it (allOf folded, the oneOf/anyOf branch the value takes). */
export interface Site {
  pointer: string;
  schema: SchemaObject;
  value: unknown;
}

/** Every place in a valid value, outermost first. `admits` says whether a schema admits a value (the contract's validator). */
export function sitesOf(schema: SchemaObject, value: unknown, admits: (schema: SchemaObject, value: unknown) => boolean, pointer = ""): Site[] {
  const resolved = resolveBranch(flattenAllOf(schema), value, admits);
  if (!resolved) return [];
  const sites: Site[] = [{ pointer, schema: resolved, value }];
  if (Array.isArray(value)) {
    const items = itemsOf(resolved);
    if (items) value.forEach((item, i) => sites.push(...sitesOf(items, item, admits, `${pointer}/${i}`)));
  } else if (value !== null && typeof value === "object") {
    const properties = (resolved.properties ?? {}) as Record<string, SchemaObject>;
    const additional = typeof resolved.additionalProperties === "object" ? (resolved.additionalProperties as SchemaObject) : undefined;
    for (const [name, property] of Object.entries(value)) {
      const governing = properties[name] ?? additional;
      if (governing) sites.push(...sitesOf(governing, property, admits, `${pointer}/${escapePointer(name)}`));
    }
  }
  return sites;
}

/** The branch of a oneOf/anyOf the value satisfies (undefined when none does); the schema itself otherwise. */
function resolveBranch(schema: SchemaObject, value: unknown, admits: (schema: SchemaObject, value: unknown) => boolean): SchemaObject | undefined {
  const branches = alternatives(schema);
  if (!branches) return schema;
  const taken = branches.find((branch) => admits(branch, value));
  return taken && resolveBranch(taken, value, admits);
}

/** The value with the place at `pointer` replaced (undefined: removed); the original is left as it was. */
export function replaceAt(root: unknown, pointer: string, replacement: unknown): unknown {
  if (pointer === "") return replacement;
  const [head, ...rest] = pointer.slice(1).split("/");
  const key = head!.replace(/~1/g, "/").replace(/~0/g, "~");
  const tail = rest.length > 0 ? `/${rest.join("/")}` : "";
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[Number(key)] = replaceAt(copy[Number(key)], tail, replacement);
    return copy;
  }
  const copy = { ...(root as Record<string, unknown>) };
  const replaced = replaceAt(copy[key], tail, replacement);
  if (replaced === undefined) delete copy[key];
  else copy[key] = replaced;
  return copy;
}
