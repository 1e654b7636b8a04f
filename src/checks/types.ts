import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { Exchange, Expect, Failure, ReceivedResponse } from "../conformance/types.js";

export interface CheckContext {
  contract: Contract;
  /** The documented operation the request addressed, if any. */
  operation: Operation | undefined;
  /** The step's expectations, templates filled. */
  expect: Expect;
  /** The semantic checks the step asks for (they own the status verdict). */
  requested: string[];
  exchange: Exchange & { response: ReceivedResponse };
  /** The API's error envelope schema. */
  errorSchema: SchemaObject;
}

/**
 * A check passes (no failures), does not apply (a reason), or fails. Warnings are differences from
 * what the documents only show as an example: reported, never failing.
 */
export type CheckOutcome = { applies: false; reason: string } | { applies: true; failures: Failure[]; warnings?: Failure[] };

export interface Check {
  name: string;
  run(context: CheckContext): CheckOutcome;
}

export const notApplicable = (reason: string): CheckOutcome => ({ applies: false, reason });
export const outcome = (failures: Failure[], warnings: Failure[] = []): CheckOutcome =>
  warnings.length > 0 ? { applies: true, failures, warnings } : { applies: true, failures };
