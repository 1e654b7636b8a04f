import fc from "fast-check";
import type { Contract, Operation } from "../../contract/index.js";
import { negativeRequestsArbitrary } from "./negatives.js";
import { validPartsArbitrary } from "./positives.js";
import { toCaseRequest } from "./request-parts.js";
import type { GenerateOptions, GeneratedRequest } from "../types.js";

export type { GenerateOptions, GeneratedRequest, GenerationStats, Violation, ViolationKind } from "../types.js";

/**
 * Requests the contract admits: parameters and JSON body drawn from the dereferenced schemas
 * (formats, patterns, lengths with their bounds, enums, ranges), each checked by the validator
 * the reference server uses. Credentials are left to the API plugin (the case's default `auth`).
 */
export function positiveRequests(contract: Contract, operation: Operation, options: GenerateOptions = {}): fc.Arbitrary<GeneratedRequest> {
  return validPartsArbitrary(contract, operation, options).map((parts) => ({
    operationId: operation.operationId,
    request: toCaseRequest(operation, parts),
  }));
}

/** Requests that each break exactly one constraint, proven invalid at the location they name (see negatives.ts). */
export function negativeRequests(contract: Contract, operation: Operation, options: GenerateOptions = {}): fc.Arbitrary<GeneratedRequest> {
  return negativeRequestsArbitrary(contract, operation, options);
}
