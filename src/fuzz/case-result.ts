import type { Redactor } from "../conformance/redact.js";
import type { CaseResult, StepResult } from "../conformance/types.js";
import type { Operation } from "../contract/index.js";
import { plural } from "../plural.js";
import { curlLine } from "../conformance/curl.js";
import type { PropertyOutcome } from "./property.js";

/** One fuzz case: an operation's valid requests, or its requests violating one kind of constraint. */
export interface FuzzCase {
  /** e.g. "fuzz-archive-user-negative-length": the case id under the API, and the saved file's name. */
  name: string;
  operation: Operation;
  /** What its requests are, e.g. "valid requests", "requests violating length". */
  label: string;
}

/**
 * A property's outcome as a case result the reporters print: a failure carries the shrunk
 * request's exchange and failures, and a reason giving the seed, the violation and a curl line.
 */
export function fuzzCaseResult(apiName: string, fuzzCase: FuzzCase, outcome: PropertyOutcome, context: { seed: number; /** Where the failure was saved, or why not. */ saved?: string; durationMs: number; redactor: Redactor }): CaseResult {
  const base = {
    id: `${apiName}/${fuzzCase.name}`,
    operation: fuzzCase.operation.operationId,
    source: `archive-kit fuzz --seed ${context.seed}`,
    tags: ["fuzz"],
    setup: [] as StepResult[],
    steps: [] as StepResult[],
    durationMs: context.durationMs,
  };
  if (outcome.verdict === "skipped") return { ...base, title: fuzzCase.label, status: "skipped", reason: outcome.reason };
  // Every request drawn was of a kind already reported: nothing was checked, so nothing passed.
  if (outcome.verdict === "passed" && outcome.examples === 0) return { ...base, title: fuzzCase.label, status: "skipped", reason: "every request drawn was of a kind reported above" };
  if (outcome.verdict === "passed") {
    return { ...base, title: `${fuzzCase.label}: ${outcome.examples} passed${outcome.interrupted ? " (cut short by --duration)" : ""}`, status: "passed" };
  }
  const { counterexample, failure } = outcome;
  const violation = counterexample.violation;
  const answered = failure.steps[0] ?? failure.setup.at(-1);
  const reason = [
    shrunkAfter(outcome),
    ...(violation ? [`violates ${violation.kind} at ${violation.location}: ${violation.detail}`] : []),
    ...(failure.reason ? [failure.reason] : []),
    ...(context.saved ? [context.saved] : []),
    // Last, so that the line can be cut from the reason whatever its body holds.
    ...(answered ? [`reproduce: ${context.redactor.redact(curlLine(answered.exchange.request))}`] : []),
  ].join("; ");
  return { ...base, title: fuzzCase.label, status: "failed", reason, setup: failure.setup, steps: failure.steps };
}

/** "failed after 12 examples, shrunk 3 times": how a failing property got to the example it reports. */
export function shrunkAfter(outcome: { examples: number; shrinks: number }): string {
  return `failed after ${plural(outcome.examples, "example")}, shrunk ${plural(outcome.shrinks, "time")}`;
}
