import type { Failure, StepResult } from "./types.js";

/** Received and expected, the same words for every check. */
export function receivedExpected(item: Pick<Failure, "received" | "expected">): string {
  return `Received: ${item.received} / Expected: ${item.expected}`;
}

/** The longest target or title a line shows whole; a longer one (a fuzzed query) is whole in the curl line. */
const SHOWN_CHARACTERS = 160;

/** A target or title as one line shows it: whole, or cut with "…" past SHOWN_CHARACTERS. */
export function shown(text: string): string {
  return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS - 1)}…` : text;
}

/** One failure or warning as every reporter shows it: what, where, on which request (its query too), received and expected. */
export function failureLine(step: StepResult, item: Failure): string {
  return `${item.title} at ${item.where} (${step.exchange.request.method} ${shown(step.exchange.request.target)}): ${receivedExpected(item)}`;
}

/** A case's setup and own steps in the order their requests went out (a step that signs first has setup exchanges before it). */
export function stepsInOrder(result: { setup: StepResult[]; steps: StepResult[] }): StepResult[] {
  const steps = [...result.setup, ...result.steps];
  if (steps.some((step) => step.exchange.sequence === undefined)) return steps;
  return steps.sort((a, b) => a.exchange.sequence! - b.exchange.sequence!);
}

/** A case's failures or warnings, in the order their requests went out, one line each. */
export function caseLines(result: { setup: StepResult[]; steps: StepResult[] }, kind: "failures" | "warnings"): string[] {
  return stepsInOrder(result).flatMap((step) => step[kind].map((item) => failureLine(step, item)));
}
