import type { Failure, StepResult } from "./types.js";

/** Received and expected, the same words for every check. */
export function receivedExpected(item: Pick<Failure, "received" | "expected">): string {
  return `Received: ${item.received} / Expected: ${item.expected}`;
}

/** One failure or warning as every reporter shows it: what, where, on which request, received and expected. */
export function failureLine(step: StepResult, item: Failure): string {
  return `${item.title} at ${item.where} (${step.exchange.request.method} ${step.exchange.request.target.split("?")[0]}): ${receivedExpected(item)}`;
}

/** A case's failures or warnings, setup first, one line each. */
export function caseLines(result: { setup: StepResult[]; steps: StepResult[] }, kind: "failures" | "warnings"): string[] {
  return [...result.setup, ...result.steps].flatMap((step) => step[kind].map((item) => failureLine(step, item)));
}
