import type { Contract } from "./assemble.js";
import type { Operation, ParameterObject, SchemaIssue, SchemaObject } from "./types.js";
import { findMediaType } from "./validators.js";

/** A request as a server sees it, before any API-specific meaning is given to it. */
export interface IncomingRequestParts {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  /** The raw body text; "" when there is none. */
  rawBody: string;
  contentType: string | undefined;
}

export type RequestValidation =
  | { valid: true; body: unknown }
  | { valid: false; issues: SchemaIssue[] };

/**
 * Validates a request's parameters (each against its own schema, coerced from text) and its
 * JSON body against the operation. Security is left to the API: its meaning differs per API.
 * Issue pointers name the location: `query/user_id`, `header/X-Request-Nonce`, `body/email`.
 */
export function validateRequest(contract: Contract, operation: Operation, request: IncomingRequestParts): RequestValidation {
  const issues: SchemaIssue[] = [];
  for (const parameter of operation.parameters) {
    const raw = parameterValue(parameter, request);
    const where = `${parameter.in}/${parameter.name}`;
    if (raw === undefined) {
      if (parameter.required) issues.push({ pointer: where, message: "is required but missing" });
      continue;
    }
    const schema = parameter.schema as SchemaObject | undefined;
    if (!schema) continue;
    const result = contract.validators.forParameter(schema)(raw);
    if (!result.valid) issues.push(...result.issues.map((issue) => ({ pointer: prefix(where, issue.pointer), message: issue.message })));
  }

  const parsed = parseBody(contract, operation, request, issues);
  return issues.length === 0 ? { valid: true, body: parsed } : { valid: false, issues };
}

function parameterValue(parameter: ParameterObject, request: IncomingRequestParts): string | undefined {
  switch (parameter.in) {
    case "path":
      return request.pathParams[parameter.name];
    case "query":
      return request.query.get(parameter.name) ?? undefined;
    case "header":
      return request.headers[parameter.name.toLowerCase()];
    default:
      return undefined;
  }
}

function parseBody(contract: Contract, operation: Operation, request: IncomingRequestParts, issues: SchemaIssue[]): unknown {
  const definition = operation.requestBody;
  const hasBody = request.rawBody.length > 0;
  if (!hasBody) {
    if (definition?.required) issues.push({ pointer: "body", message: "is required but missing" });
    return undefined;
  }
  if (!definition) return undefined;
  const media = findMediaType(definition, request.contentType ?? "application/json");
  if (!media) {
    issues.push({ pointer: "header/Content-Type", message: `must be one of ${Object.keys(definition.content).join(", ")}` });
    return undefined;
  }
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch {
    issues.push({ pointer: "body", message: "is not valid JSON" });
    return undefined;
  }
  const schema = media.entry.schema as SchemaObject | undefined;
  const result = schema ? contract.validators.forSchema(schema)(body) : { valid: true as const };
  if (!result.valid) issues.push(...result.issues.map((issue) => ({ pointer: prefix("body", issue.pointer), message: issue.message })));
  return body;
}

function prefix(where: string, pointer: string): string {
  return pointer === "/" ? where : `${where}${pointer}`;
}
