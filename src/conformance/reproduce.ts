import { curlLine } from "./curl.js";
import { failureLine, stepsInOrder } from "./failure-line.js";
import { REDACTED } from "./redact.js";
import type { CaseResult, StepResult } from "./types.js";

/** A failing exchange as every reporter shows it: its failure lines, its step's title, and the curl line that sends it again. */
export interface FailedExchange {
  /** The step itself, for a reporter that shows its evidence and messages field by field. */
  step: StepResult;
  title: string;
  lines: string[];
  curl: string;
}

/** The exchanges of a case that failed, in the order they went out. */
export function failedExchanges(result: Pick<CaseResult, "setup" | "steps">): FailedExchange[] {
  return stepsInOrder(result)
    .filter((step) => step.failures.length > 0)
    .map((step) => ({ step, title: step.title, lines: step.failures.map((failure) => failureLine(step, failure)), curl: curlLine(step.exchange.request) }));
}

/**
 * What a failed case sent, as one shell script in the order it went out: each request's curl line
 * under a comment naming its step (the failing ones marked), values bound from earlier answers as
 * they were sent. Undefined for a case that did not fail or sent nothing.
 */
export function replayScript(result: Pick<CaseResult, "status" | "setup" | "steps">): string[] | undefined {
  const steps = stepsInOrder(result);
  if (result.status !== "failed" || steps.length === 0) return undefined;
  return steps.flatMap((step, index) => [`# ${index + 1}/${steps.length} ${commentText(step)}`, curlLine(step.exchange.request)]);
}

/** How a replay is introduced: whether credentials must be put back in it. */
export function replayHeading(script: readonly string[]): string {
  return script.some((line) => line.includes(REDACTED)) ? `replay, in the order sent (${REDACTED} stands for a secret: put yours back):` : "replay, in the order sent:";
}

/** A step's title on one comment line: a line break in a case file's title must not start a command. */
function commentText(step: StepResult): string {
  return `${step.title.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")}${step.failures.length > 0 ? " — failed" : ""}`;
}
