import type { CaseRequest } from "../conformance/types.js";

export type ViolationKind =
  | "type"
  | "required"
  | "enum"
  | "format"
  | "pattern"
  | "length"
  | "range"
  | "additionalProperties"
  | "method"
  | "credential-missing"
  | "credential-invalid";

export interface Violation {
  kind: ViolationKind;
  /** Where, as request-validation names it: "query/user_id", "body/email", "path/id", "header/X", "body". */
  location: string;
  /** One line: what was broken, e.g. "user_id longer than maxLength 255". */
  detail: string;
}

export interface GeneratedRequest {
  operationId: string;
  request: CaseRequest;
  /** Absent: a positive request, valid by the contract. */
  violation?: Violation;
}

/** How many drawn requests the generator threw away because the contract's validator disagreed. */
export interface GenerationStats {
  /** Positives drawn, and those that failed validation (a schema keyword the generator does not model). */
  positivesDrawn: number;
  positivesRejected: number;
  /** Negatives drawn, and those not proven invalid at their location (regenerated, never returned). */
  negativesDrawn: number;
  negativesRejected: number;
}

export interface GenerateOptions {
  /** Path parameter values to use instead of generated ones, by name (e.g. a user a sequence created). */
  pathValues?: Record<string, string>;
  /** Parameters left to the API plugin, by location ("header/X-Nonce"): never generated nor mutated. */
  skipParameters?: string[];
  /**
   * Case request fields a request without valid credentials also needs, from the API plugin (an
   * API that signs requests with the caller's credential must be told not to sign).
   */
  withoutCredentials?: Record<string, unknown>;
  /** Counts rejections when given (shared across arbitraries). */
  stats?: GenerationStats;
}
