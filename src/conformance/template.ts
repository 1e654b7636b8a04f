import { pointerToken } from "../contract/json-source.js";

/** Variables a case's templates can name: `{{ user.id }}`, `{{ run.id }}`. */
export type Variables = Record<string, unknown>;

const TEMPLATE = /\{\{\s*([\w.-]+)\s*\}\}/g;
const HAS_TEMPLATE = new RegExp(TEMPLATE.source);

export class MissingVariableError extends Error {
  constructor(readonly variable: string) {
    super(`needs the variable ${variable}`);
  }
}

export function lookup(variables: Variables, path: string): unknown {
  let value: unknown = variables;
  for (const key of path.split(".")) {
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined) throw new MissingVariableError(path);
  }
  return value;
}

/**
 * Fills templates in strings, deeply. A string that is one whole template keeps the variable's
 * type (`"{{ user.id }}"` may become a number); a template inside text is stringified.
 */
export function fill<T>(value: T, variables: Variables): T {
  if (typeof value === "string") {
    const whole = /^\{\{\s*([\w.-]+)\s*\}\}$/.exec(value);
    if (whole) return lookup(variables, whole[1]!) as T;
    return value.replace(TEMPLATE, (_match, path: string) => String(lookup(variables, path))) as T;
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, variables)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, variables)])) as T;
  }
  return value;
}

/** The JSON pointers of the strings in `value` that hold a template: once filled, what they hold comes from the variables. */
export function templatedPointers(value: unknown): Set<string> {
  const pointers = new Set<string>();
  const visit = (item: unknown, pointer: string): void => {
    if (typeof item === "string") {
      if (HAS_TEMPLATE.test(item)) pointers.add(pointer);
    } else if (item && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) visit(child, `${pointer}/${pointerToken(key)}`);
    }
  };
  visit(value, "");
  return pointers;
}
