import fc from "fast-check";
import type { StepResult } from "../conformance/types.js";
import { isUnanswered } from "./run-stop.js";
import type { GeneratedRequest } from "./types.js";

/** What one generated request came to against the implementation. */
export type ExampleOutcome =
  | { verdict: "passed" }
  | { verdict: "failed"; setup: StepResult[]; steps: StepResult[]; reason?: string }
  /** It cannot run here at all (e.g. a credential is missing): the whole property is skipped. */
  | { verdict: "skipped"; reason: string };

export interface PropertyRun<T = GeneratedRequest> {
  seed: number;
  /** Requests not to send (a kind of violation already reported): skipped with fc.pre, not counted as examples. */
  exclude?: (generated: T) => boolean;
  numRuns: number;
  /** Milliseconds fast-check may spend, shrinking included; the examples run so far count. */
  timeLimitMs: number;
}

/** Bounds the draws wasted when every request left is excluded (fast-check's default is 100 per run). */
const MAX_SKIPS_PER_RUN = 20;

/** `T`: what an example is — a generated request, or a whole generated case. */
export type PropertyOutcome<T = GeneratedRequest> =
  | { verdict: "passed"; examples: number; interrupted: boolean }
  | { verdict: "skipped"; reason: string }
  | { verdict: "failed"; examples: number; shrinks: number; counterexample: T; failure: Extract<ExampleOutcome, { verdict: "failed" }> };

/** A failure of an exchange that got no answer: it says nothing about the request, so shrinking it would only wait out more timeouts. */
function unanswered(outcome: Extract<ExampleOutcome, { verdict: "failed" }>): boolean {
  return [...outcome.setup, ...outcome.steps].some((step) => isUnanswered(step.exchange));
}

/**
 * Checks one property with fast-check: every generated request must pass. fast-check shrinks the
 * first failing request to a minimal one; the last failing run is that minimal request's outcome.
 * A failure for want of an answer (a timeout, a refused or reset connection) is reported as drawn:
 * the shrinking that follows runs nothing.
 */
export async function checkProperty<T = GeneratedRequest>(
  arbitrary: fc.Arbitrary<T>,
  /** Sends one request and judges it; never throws (an error is a failed outcome). */
  runExample: (generated: T) => Promise<ExampleOutcome>,
  run: PropertyRun<T>,
): Promise<PropertyOutcome<T>> {
  let lastFailure: { generated: T; outcome: Extract<ExampleOutcome, { verdict: "failed" }> } | undefined;
  let skipped: string | undefined;
  let unshrinkable = false;
  const property = fc.asyncProperty(arbitrary, async (generated) => {
    if (skipped !== undefined || unshrinkable) return true;
    fc.pre(!run.exclude?.(generated));
    const outcome = await runExample(generated);
    if (outcome.verdict === "skipped") skipped = outcome.reason;
    if (outcome.verdict !== "failed") return true;
    lastFailure = { generated, outcome };
    unshrinkable = unanswered(outcome);
    return false;
  });
  const parameters = { seed: run.seed, numRuns: run.numRuns, interruptAfterTimeLimit: run.timeLimitMs, markInterruptAsFailure: false, maxSkipsPerRun: MAX_SKIPS_PER_RUN };
  const details = await fc.check(property, parameters);
  if (skipped !== undefined) return { verdict: "skipped", reason: skipped };
  // Too many excluded requests in a row is not a failure: what is left to draw was all checked.
  if (!details.failed || !lastFailure) return { verdict: "passed", examples: details.numRuns, interrupted: details.interrupted };
  // runExample never throws, so a failure is a failing run; fast-check's last one is the shrunk request.
  const { generated: counterexample, outcome: failure } = lastFailure;
  return { verdict: "failed", examples: details.numRuns, shrinks: details.numShrinks, counterexample, failure };
}
