import type { Contract, Operation } from "../../contract/index.js";
import { validateRequest, type IncomingRequestParts, type RequestValidation } from "../../contract/index.js";
import type { ParameterObject, SchemaObject } from "../../contract/types.js";
import { findMediaType } from "../../contract/index.js";
import type { CaseRequest } from "../../conformance/types.js";
import { requestBody } from "../../conformance/request.js";

/** What a generated request is made of, before it becomes a case request: parameter texts by name, and the JSON body. */
export interface RequestParts {
  path: Record<string, string>;
  query: Record<string, string>;
  header: Record<string, string>;
  /** Absent: no body is sent. */
  body?: unknown;
}

export type ParameterLocation = "path" | "query" | "header";

export function parametersOf(operation: Operation): Array<ParameterObject & { in: ParameterLocation }> {
  return operation.parameters.filter((parameter): parameter is ParameterObject & { in: ParameterLocation } =>
    parameter.in === "path" || parameter.in === "query" || parameter.in === "header",
  );
}

/** The JSON schema of the operation's request body, if it takes one. */
export function bodySchema(operation: Operation): SchemaObject | undefined {
  const media = operation.requestBody && findMediaType(operation.requestBody, "application/json");
  return media?.entry.schema as SchemaObject | undefined;
}

export function toCaseRequest(operation: Operation, parts: RequestParts): CaseRequest {
  const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(parts.path[name] ?? ""));
  return {
    method: operation.method.toUpperCase(),
    path,
    ...(Object.keys(parts.query).length > 0 ? { query: parts.query } : {}),
    ...(Object.keys(parts.header).length > 0 ? { headers: parts.header } : {}),
    ...(parts.body !== undefined ? { body: parts.body } : {}),
  };
}

/**
 * Validates a case request as the server will see it, with the same validator the reference
 * server uses: the path routed and decoded, the query through its wire encoding, the body as
 * JSON text. Undefined when the request no longer addresses the operation.
 */
export function validateCaseRequest(contract: Contract, operation: Operation, request: CaseRequest): RequestValidation | undefined {
  const routed = contract.match(request.method, request.path);
  if (routed?.operation !== operation || !Object.values(routed.pathParams).every(addressesASegment)) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== "") headers[name.toLowerCase()] = value;
  const rawBody = requestBody(request) ?? "";
  const parts: IncomingRequestParts = {
    pathParams: routed.pathParams,
    query: new URLSearchParams(new URLSearchParams(request.query ?? {}).toString()),
    headers,
    rawBody,
    contentType: headers["content-type"] ?? (rawBody ? "application/json" : undefined),
  };
  return validateRequest(contract, operation, parts);
}

/** Whether a request can be sent without credentials by the operation's security: none required, or an empty alternative. */
export function credentialsRequired(operation: Operation): boolean {
  return operation.security.length > 0 && operation.security.every((requirement) => Object.keys(requirement).length > 0);
}

/**
 * Whether a path parameter's value stays a segment of its own on the way to a server: an empty one
 * leaves `/users/` (which servers may route to the collection) and a dot-segment is folded away by
 * URL normalisation (RFC 3986 §5.2.4), so neither reliably addresses the operation.
 */
function addressesASegment(value: string): boolean {
  return value !== "" && value !== "." && value !== "..";
}
