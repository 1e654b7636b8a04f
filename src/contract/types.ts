import type { OpenAPIV3_1 } from "openapi-types";

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace";
export const HTTP_METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

export type Document = OpenAPIV3_1.Document;
export type ParameterObject = OpenAPIV3_1.ParameterObject;
export type ResponseObject = OpenAPIV3_1.ResponseObject;
export type RequestBodyObject = OpenAPIV3_1.RequestBodyObject;
export type SchemaObject = OpenAPIV3_1.SchemaObject;
export type HeaderObject = OpenAPIV3_1.HeaderObject;
export type SecurityRequirement = OpenAPIV3_1.SecurityRequirementObject;
export type SecuritySchemeObject = OpenAPIV3_1.SecuritySchemeObject;

/** One operation of a dereferenced document, with path-level parameters merged in. */
export interface Operation {
  operationId: string;
  method: HttpMethod;
  pathTemplate: string;
  summary: string | undefined;
  description: string | undefined;
  parameters: ParameterObject[];
  requestBody: RequestBodyObject | undefined;
  /** Keyed by status code as written in the document ("200", "4XX", "default"). */
  responses: Record<string, ResponseObject>;
  security: SecurityRequirement[];
  /** The operation's `x-` extensions, keys as written. */
  extensions: Record<string, unknown>;
}

/** Where a value failed its schema: a JSON pointer into the value, and what was wrong. */
export interface SchemaIssue {
  pointer: string;
  message: string;
  /**
   * Set on an issue of a oneOf/anyOf branch that another branch matched better, and on the
   * combinator's own summary then: a report of where the value is wrong leaves these out.
   */
  outranked?: true;
}

export type ValidationResult = { valid: true } | { valid: false; issues: SchemaIssue[] };
