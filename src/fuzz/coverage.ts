import fc from "fast-check";
import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { CaseRequest } from "../conformance/types.js";
import { bodySchema, parametersOf, validateCaseRequest } from "./generate/request-parts.js";
import { declaring } from "./links.js";
import type { GeneratedRequest, ViolationKind } from "./types.js";

/** One deterministic variant of a valid request: a value set (or taken away) at one place. */
interface Variant {
  location: string;
  value: unknown;
  /** What it is: "maxLength 255", "enum member user", "absent". */
  detail: string;
  /** The kind of violation it is when the contract refuses it. */
  kind: ViolationKind;
}

/** A schema whose strings may be any characters: only their length is bounded. */
const freeText = (schema: SchemaObject) => schema.pattern === undefined && schema.format === undefined && schema.enum === undefined && schema.const === undefined;
const typesOf = (schema: SchemaObject) => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

/** The boundary values of one schema, each just inside and just outside, and each enum member. */
function boundaries(schema: SchemaObject, location: string): Variant[] {
  const variants: Variant[] = [];
  const types = typesOf(schema);
  if (types.includes("string") && freeText(schema)) {
    for (const [keyword, length] of [["minLength", schema.minLength], ["maxLength", schema.maxLength]] as const) {
      if (typeof length !== "number") continue;
      const around = keyword === "minLength" ? [length, length - 1] : [length, length + 1];
      for (const size of around.filter((n) => n >= 0 && n <= 10_000)) variants.push({ location, value: "a".repeat(size), detail: `${size} characters (${keyword} ${length})`, kind: "length" });
    }
  }
  if (types.includes("integer") || types.includes("number")) {
    const step = types.includes("integer") ? 1 : 0.5;
    if (typeof schema.minimum === "number") variants.push({ location, value: schema.minimum, detail: `minimum ${schema.minimum}`, kind: "range" }, { location, value: schema.minimum - step, detail: `below minimum ${schema.minimum}`, kind: "range" });
    if (typeof schema.maximum === "number") variants.push({ location, value: schema.maximum, detail: `maximum ${schema.maximum}`, kind: "range" }, { location, value: schema.maximum + step, detail: `above maximum ${schema.maximum}`, kind: "range" });
  }
  for (const member of (schema.enum ?? []) as unknown[]) variants.push({ location, value: member, detail: `enum member ${JSON.stringify(member)}`, kind: "enum" });
  return variants;
}

/** Every variant of an operation's requests: its parameters' and top-level body properties' boundaries and enum members, and each optional one absent. */
function variantsOf(operation: Operation, skipParameters: ReadonlySet<string>): Variant[] {
  const variants: Variant[] = [];
  for (const parameter of parametersOf(operation)) {
    const location = `${parameter.in}/${parameter.name}`;
    if (skipParameters.has(location)) continue;
    variants.push(...boundaries((parameter.schema ?? {}) as SchemaObject, location));
    if (!parameter.required && parameter.in !== "path") variants.push({ location, value: undefined, detail: "absent", kind: "required" });
  }
  const body = bodySchema(operation);
  const names = new Set<string>();
  const collect = (schema: SchemaObject) => {
    for (const name of Object.keys(schema.properties ?? {})) names.add(name);
    for (const branch of [...((schema.allOf ?? []) as SchemaObject[]), ...((schema.anyOf ?? []) as SchemaObject[]), ...((schema.oneOf ?? []) as SchemaObject[])]) collect(branch);
  };
  if (body) collect(body);
  for (const name of names) {
    for (const schema of declaring(body!, name)) variants.push(...boundaries(schema, `body/${name}`));
    variants.push({ location: `body/${name}`, value: undefined, detail: "absent", kind: "required" });
  }
  return variants;
}

/** The request with one variant applied (a query, header or path parameter as text; a body property as JSON). */
function applied(operation: Operation, request: CaseRequest, variant: Variant): CaseRequest {
  const [where, name] = [variant.location.slice(0, variant.location.indexOf("/")), variant.location.slice(variant.location.indexOf("/") + 1)];
  const text = variant.value === undefined ? undefined : String(variant.value);
  const set = (group: Record<string, string> | undefined) => {
    const next = { ...group };
    if (text === undefined) delete next[name];
    else next[name] = text;
    return next;
  };
  if (where === "query") return { ...request, query: set(request.query) };
  if (where === "header") return { ...request, headers: set(request.headers) };
  if (where === "path") return { ...request, path: operation.pathTemplate.replace(/\{([^}]+)\}/g, (whole, parameter: string) => (parameter === name ? encodeURIComponent(text ?? "") : (pathValue(operation, request, parameter) ?? whole))) };
  const body = typeof request.body === "object" && request.body !== null && !Array.isArray(request.body) ? { ...(request.body as Record<string, unknown>) } : {};
  if (variant.value === undefined) delete body[name];
  else body[name] = variant.value;
  return { ...request, body };
}

/** A path parameter's value in a request built from the operation's template. */
function pathValue(operation: Operation, request: CaseRequest, name: string): string | undefined {
  const names = [...operation.pathTemplate.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const pattern = new RegExp(`^${operation.pathTemplate.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "([^/]*)")}$`);
  const values = pattern.exec(request.path)?.slice(1);
  return values?.[names.indexOf(name)];
}

export interface CoverageOptions {
  seed: number;
  /** Parameters the plugin fills itself: never varied. */
  skipParameters?: readonly string[];
  /** Whether valid variants may be sent (they address drawn values: only reads, unless drawn targets are allowed). */
  positives: boolean;
}

/**
 * The coverage phase of one operation, before its random requests: one valid request (the seed's
 * first) and, deterministically, each of its variants — every length and range boundary just
 * inside and just outside, every enum member, each optional parameter or body property absent —
 * classified by the contract's own validator: valid ones must get a documented answer, invalid
 * ones (refused at the place varied) a documented 4xx. Variants the validator refuses elsewhere
 * are left out.
 */
export function coverageRequests(contract: Contract, operation: Operation, positive: fc.Arbitrary<GeneratedRequest>, options: CoverageOptions): GeneratedRequest[] {
  const [baseline] = fc.sample(positive, { seed: options.seed, numRuns: 1 });
  if (!baseline) return [];
  const requests: GeneratedRequest[] = [];
  const seen = new Set<string>();
  for (const variant of variantsOf(operation, new Set(options.skipParameters ?? []))) {
    const request = applied(operation, baseline.request, variant);
    const key = JSON.stringify(request);
    if (seen.has(key)) continue;
    seen.add(key);
    const validation = validateCaseRequest(contract, operation, request);
    if (!validation) continue;
    if (validation.valid) {
      if (options.positives) requests.push({ operationId: operation.operationId, request });
    } else if (validation.issues.every((issue) => issue.pointer === variant.location)) {
      requests.push({ operationId: operation.operationId, request, violation: { kind: variant.kind, location: variant.location, detail: `${variant.location.split("/")[1]} ${variant.detail}` } });
    }
  }
  return requests;
}
