import type { Contract, Finding, Judgement, ObservedResponse, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { Exchange, Expect, ReceivedResponse } from "../conformance/types.js";

export type { Finding } from "../contract/index.js";

export interface CheckContext {
  contract: Contract;
  /** The documented operation the request addressed, if any. */
  operation: Operation | undefined;
  /** The step's expectations, templates filled. */
  expect: Expect;
  /**
   * JSON pointers into `expect` of the values a template filled: the case's own (the user its
   * setup created, a value its run sent), not what the documents state. None when absent.
   */
  filledFromVariables?: ReadonlySet<string>;
  /** The semantic checks the step asks for and the run selected (they own the status verdict). */
  requested: string[];
  exchange: Exchange & { response: ReceivedResponse };
  /** The API's error envelope schema. */
  errorSchema: SchemaObject;
}

/**
 * A check passes (no findings), does not apply (a reason), or fails. Warnings are differences from
 * what the documents only show as an example: reported, never failing. A finding does not name
 * its check: the engine adds the name the check is registered under.
 */
export type CheckOutcome = { applies: false; reason: string } | { applies: true; failures: Finding[]; warnings?: Finding[] };

export interface Check {
  /**
   * A semantic check runs only on the steps that request it by name (`checks:` in a case file),
   * and then owns their status verdict instead of `status-code`.
   */
  semantic?: boolean;
  run(context: CheckContext): CheckOutcome;
}

export const notApplicable = (reason: string): CheckOutcome => ({ applies: false, reason });
export const outcome = (failures: Finding[], warnings: Finding[] = []): CheckOutcome =>
  warnings.length > 0 ? { applies: true, failures, warnings } : { applies: true, failures };
/** The outcome of one aspect the shared response-conformance core judged. */
export const fromJudgement = (judgement: Judgement): CheckOutcome => (judgement.applies ? outcome(judgement.findings) : notApplicable(judgement.reason));

/** A received response as the shared response-conformance core takes it. */
export function observed(response: ReceivedResponse): ObservedResponse {
  return { status: response.status, headers: response.headers, hasBody: response.text !== "", json: response.json, text: response.text };
}
