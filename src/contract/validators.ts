import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { outrankedErrors } from "./best-branch.js";
import { pointerToken } from "./json-source.js";
import type { ValidatedSchemas } from "./schema-walk.js";
import { describeCause, UserError } from "../errors.js";
import type { HeaderObject, Operation, ResponseObject, SchemaIssue, SchemaObject, ValidationResult } from "./types.js";

export type Validator = (value: unknown) => ValidationResult;

export interface ContractValidators {
  /** A validator for any schema of the dereferenced document, compiled once and cached. */
  forSchema(schema: SchemaObject): Validator;
  /** A validator for a parameter's schema that first coerces the parameter's text ("10" → 10). */
  forParameter(schema: SchemaObject): Validator;
  /** The body validator of a documented response, or undefined when it has no schema for the media type. */
  responseBody(operation: Operation, status: number | string, mediaType?: string): Validator | undefined;
  /** The validator of one documented response header, or undefined when the header is not documented. */
  responseHeader(operation: Operation, status: number | string, headerName: string): Validator | undefined;
  /** Compiles every response body and header validator now (to surface schema errors early); returns how many distinct ones. */
  compileAll(operations: Operation[]): number;
}

/** The documented response for a status: exact code, then its range ("4XX"), then "default". */
export function findResponse(operation: Operation, status: number | string): ResponseObject | undefined {
  const code = String(status);
  return (
    operation.responses[code] ??
    operation.responses[`${code[0]}XX`] ??
    operation.responses[`${code[0]}xx`] ??
    operation.responses.default
  );
}

export function findHeader(response: ResponseObject, headerName: string): HeaderObject | undefined {
  const wanted = headerName.toLowerCase();
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() === wanted) return header as HeaderObject;
  }
  return undefined;
}

/** The media type entry that serves `mediaType` (parameters ignored; `*\/*` and `type/*` honoured). */
export function findMediaType(response: { content?: Record<string, { schema?: unknown }> }, mediaType = "application/json") {
  const content = response.content ?? {};
  const essence = mediaType.split(";")[0]!.trim().toLowerCase();
  const [type] = essence.split("/");
  const key =
    Object.keys(content).find((candidate) => candidate.toLowerCase() === essence) ??
    Object.keys(content).find((candidate) => candidate.toLowerCase() === `${type}/*`) ??
    Object.keys(content).find((candidate) => candidate === "*/*");
  return key === undefined ? undefined : { mediaType: key, entry: content[key]! };
}

/** Loaders of the validate functions the build generated for a contract, in `validatedSchemas` order. */
export interface PrecompiledValidators {
  schemas: ValidatedSchemas;
  plain: Array<() => ValidateFunction>;
  coerced: Array<() => ValidateFunction>;
}

/** An ajv instance for schemas the build did not precompile: plain, or coercing text to its type first. */
export type AjvFactory = (options: { coerceTypes: boolean }) => Ajv2020;

/**
 * `shownFile` names the document in the error raised for a schema ajv cannot compile. Schemas
 * with a precompiled validator skip ajv; any other schema is compiled on first use by `makeAjv`.
 */
export function createValidators(shownFile: string, makeAjv: AjvFactory, precompiled?: PrecompiledValidators): ContractValidators {
  const forSchema = cachedCompiler(() => makeAjv({ coerceTypes: false }), shownFile, precompiled?.schemas.plain, precompiled?.plain);
  const forParameter = cachedCompiler(() => makeAjv({ coerceTypes: true }), shownFile, precompiled?.schemas.coerced, precompiled?.coerced);

  const responseBody: ContractValidators["responseBody"] = (operation, status, mediaType) => {
    const response = findResponse(operation, status);
    const schema = response && findMediaType(response, mediaType)?.entry.schema;
    return schema ? forSchema(schema as SchemaObject) : undefined;
  };

  const responseHeader: ContractValidators["responseHeader"] = (operation, status, headerName) => {
    const response = findResponse(operation, status);
    const schema = response && findHeader(response, headerName)?.schema;
    // Header values arrive as text: "500" satisfies `type: integer`.
    return schema ? forParameter(schema as SchemaObject) : undefined;
  };

  return {
    forSchema,
    forParameter,
    responseBody,
    responseHeader,
    compileAll(operations) {
      const schemas = new Set<SchemaObject>();
      const headerSchemas = new Set<SchemaObject>();
      for (const operation of operations) {
        for (const response of Object.values(operation.responses)) {
          for (const media of Object.values(response.content ?? {})) {
            if (media.schema) schemas.add(media.schema as SchemaObject);
          }
          for (const header of Object.values(response.headers ?? {})) {
            const schema = (header as HeaderObject).schema;
            if (schema) headerSchemas.add(schema as SchemaObject);
          }
        }
      }
      schemas.forEach(forSchema);
      headerSchemas.forEach(forParameter);
      return schemas.size + headerSchemas.size;
    },
  };
}

/** Compiles each schema object once; a schema ajv rejects is the contract author's error. */
function cachedCompiler(
  makeAjv: () => Ajv2020,
  shownFile: string,
  schemas: SchemaObject[] = [],
  loaders: Array<() => ValidateFunction> = [],
): (schema: SchemaObject) => Validator {
  const wrap = (compiled: ValidateFunction): Validator => (value) =>
    compiled(value) ? { valid: true } : { valid: false, issues: toIssues(compiled) };
  const cache = new WeakMap<object, Validator>();
  schemas.forEach((schema, i) => {
    let loaded: Validator | undefined;
    cache.set(schema, (value) => (loaded ??= wrap(loaders[i]!()))(value));
  });
  let ajv: Ajv2020 | undefined;
  return (schema) => {
    const cached = cache.get(schema);
    if (cached) return cached;
    let compiled: ValidateFunction;
    try {
      compiled = (ajv ??= makeAjv()).compile(schema);
    } catch (error) {
      throw new UserError(`contract ${shownFile}: a schema cannot be compiled: ${describeCause(error)} — fix the schema`);
    }
    const validator = wrap(compiled);
    cache.set(schema, validator);
    return validator;
  };
}

/** One issue per place and message, in ajv's order; outranked only when every error behind it is. */
function toIssues(compiled: ValidateFunction): SchemaIssue[] {
  const errors = compiled.errors ?? [];
  const outranked = outrankedErrors(errors, (error) => toIssue(error).pointer);
  const issues = new Map<string, SchemaIssue>();
  for (const error of errors) {
    const issue = toIssue(error);
    const key = `${issue.pointer} ${issue.message}`;
    const earlier = issues.get(key);
    if (!earlier) issues.set(key, outranked.has(error) ? { ...issue, outranked: true } : issue);
    else if (!outranked.has(error)) delete earlier.outranked;
  }
  return [...issues.values()];
}

function toIssue(error: ErrorObject): SchemaIssue {
  const pointer = error.instancePath || "/";
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { pointer: joinPointer(error.instancePath, String(params.missingProperty)), message: "is required but missing" };
    case "const":
      return { pointer, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case "enum":
      return { pointer, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    case "additionalProperties":
      return { pointer: joinPointer(error.instancePath, String(params.additionalProperty)), message: "is not allowed" };
    default:
      return { pointer, message: error.message ?? error.keyword };
  }
}

function joinPointer(base: string, property: string): string {
  return `${base}/${pointerToken(property)}`;
}

/** The issues that say where a value is wrong: without those of the oneOf/anyOf branches another branch outranked. */
export function reportedIssues(issues: SchemaIssue[]): SchemaIssue[] {
  return issues.filter((issue) => !issue.outranked);
}

export function formatIssues(issues: SchemaIssue[]): string {
  return issues.map((issue) => `${issue.pointer} ${issue.message}`).join("; ");
}
