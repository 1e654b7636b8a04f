import type fc from "fast-check";
import { dump } from "js-yaml";
import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import { runCases, type RunCasesOptions } from "../conformance/runner.js";
import { storedResult } from "../conformance/stored.js";
import type { Case, CaseResult } from "../conformance/types.js";
import { shrunkAfter } from "./case-result.js";
import { curlLine } from "../conformance/curl.js";
import { writeFailureCase } from "./failure-case.js";
import { checkProperty, type ExampleOutcome, type PropertyOutcome } from "./property.js";
import { kebab, sequenceCases, sequenceRoots } from "./sequences.js";
import { isSigned, tamperedCase, tamperedRequests, tamperingsOf } from "./tamper.js";
import type { GeneratedRequest } from "./types.js";

/** A property whose examples are whole cases: a generated lifecycle, or a tampered signed request. */
export interface CaseProperty {
  /** e.g. "fuzz-sequence-create-user": the case id under the API, and the saved file's name. */
  name: string;
  operation: Operation;
  label: string;
  arbitrary: fc.Arbitrary<Case>;
}

export interface CasePropertyOptions {
  apiName: string;
  positive(contract: Contract, operation: Operation): fc.Arbitrary<GeneratedRequest>;
  /** The API plugin's case request fields: the tamperings it offers. */
  caseRequestSchema: SchemaObject | undefined;
}

/** The lifecycle sequences from each selected create that links to an archive, and the tamperings of each selected signed operation. */
export function caseProperties(contract: Contract, operations: Operation[], options: CasePropertyOptions): CaseProperty[] {
  const sequences = sequenceRoots(contract, operations).map((root) => ({
    name: `fuzz-sequence-${kebab(root.operationId)}`,
    operation: root,
    label: "lifecycles generated along the links",
    arbitrary: sequenceCases(contract, [root], options),
  }));
  const signed = tamperingsOf(options.caseRequestSchema).length > 0 ? operations.filter(isSigned) : [];
  const tamperings = signed.map((operation) => {
    const name = `fuzz-tamper-${kebab(operation.operationId)}`;
    return { name, operation, label: "signed requests tampered with", arbitrary: tamperedRequests(contract, operation, options).map((tampered) => tamperedCase(tampered, `${options.apiName}/${name}`)) };
  });
  return [...sequences, ...tamperings];
}

/** What running one case needs: the fuzz run's target and engine, as `runCases` takes them. */
export type CaseExampleEnvironment = Omit<RunCasesOptions, "cases" | "concurrency" | "hooks" | "onEvent" | "allowSkippedDocumented">;

/**
 * Runs one generated case. A case skipped because the create answered (as documented) without
 * the user it needs has nothing to judge: it passes, unless a step already failed. Any other skip
 * (a credential missing) skips the whole property.
 */
export async function runCaseExample(testCase: Case, environment: CaseExampleEnvironment): Promise<ExampleOutcome> {
  const [result] = (await runCases({ ...environment, cases: [testCase], concurrency: 1 })).cases;
  const failed = result!.status === "failed" || [...result!.setup, ...result!.steps].some((step) => step.failures.length > 0);
  if (failed) return { verdict: "failed", setup: result!.setup, steps: result!.steps, ...(result!.reason ? { reason: result!.reason } : {}) };
  if (result!.status === "skipped" && !/^needs the variable /.test(result!.reason ?? "")) return { verdict: "skipped", reason: result!.reason ?? "skipped" };
  return { verdict: "passed" };
}

/** A failing generated case as the case file `verify --cases` replays (it is one already). */
export function savedCase(testCase: Case, seed: number): { file: string; text: string } {
  const { file: _file, ...written } = testCase;
  const name = testCase.id.split("/")[1]!;
  return { file: `${name}-seed-${seed}.yaml`, text: dump({ ...written, id: `${testCase.id}-seed-${seed}`, source: `${testCase.source}; archive-kit fuzz --seed ${seed}` }, { lineWidth: -1, noRefs: true }) };
}

export interface CasePropertyRun {
  seed: number;
  numRuns: number;
  /** Milliseconds left of the run's --duration. */
  remainingMs: number;
  durationS?: number;
  saveFailuresDir?: string;
}

/**
 * Checks one case property and reports it as a case result: the shrunk failing case's steps, a
 * curl line of its first failing request, and (when asked) the case saved to replay under verify.
 */
export async function checkCaseProperty(property: CaseProperty, environment: CaseExampleEnvironment, run: CasePropertyRun): Promise<{ result: CaseResult; saved?: string }> {
  const started = performance.now();
  const outcome: PropertyOutcome<Case> =
    run.remainingMs > 0
      ? await checkProperty(property.arbitrary, (testCase) => runCaseExample(testCase, environment), { seed: run.seed, numRuns: run.numRuns, timeLimitMs: Math.min(run.remainingMs, 2 ** 31 - 1) })
      : { verdict: "skipped", reason: `--duration ${run.durationS} s was spent before it` };
  const saved = outcome.verdict === "failed" && run.saveFailuresDir ? await writeFailureCase(run.saveFailuresDir, savedCase(outcome.counterexample, run.seed)) : undefined;
  const result = caseResult(property, outcome, { apiName: environment.apiName, seed: run.seed, saved, durationMs: Math.round(performance.now() - started) });
  return { result: environment.redactor ? storedResult(result, environment.redactor) : result, ...(saved ? { saved } : {}) };
}

function caseResult(property: CaseProperty, outcome: PropertyOutcome<Case>, context: { apiName: string; seed: number; saved?: string; durationMs: number }): CaseResult {
  const base = { id: `${context.apiName}/${property.name}`, operation: property.operation.operationId, source: `archive-kit fuzz --seed ${context.seed}`, tags: ["fuzz"], setup: [], steps: [], durationMs: context.durationMs };
  if (outcome.verdict === "skipped") return { ...base, title: property.label, status: "skipped", reason: outcome.reason };
  if (outcome.verdict === "passed") return { ...base, title: `${property.label}: ${outcome.examples} passed${outcome.interrupted ? " (cut short by --duration)" : ""}`, status: "passed" };
  const { counterexample, failure } = outcome;
  const failing = failure.steps.find((step) => step.failures.length > 0) ?? failure.setup.find((step) => step.failures.length > 0);
  const reason = [
    `${shrunkAfter(outcome)}: ${counterexample.title}`,
    ...(failure.reason ? [failure.reason] : []),
    ...(context.saved ? [`saved as ${context.saved}`] : []),
    ...(failing ? [`reproduce: ${curlLine(failing.exchange.request)}`] : []),
  ].join("; ");
  return { ...base, title: property.label, status: "failed", reason, setup: failure.setup, steps: failure.steps };
}
