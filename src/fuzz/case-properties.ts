import { dump } from "js-yaml";
import type { Contract, Operation } from "../contract/index.js";
import type { Redactor } from "../conformance/redact.js";
import { storedResult } from "../conformance/stored.js";
import type { Case, CaseResult } from "../conformance/types.js";
import { shrunkAfter } from "./case-result.js";
import { curlLine } from "../conformance/curl.js";
import { isPermanentDelete, writeFailureCase } from "./failure-case.js";
import { identifyingBodyFields, onCreatedUsers, uniqueCreates } from "./own-users.js";
import { checkProperty, type ExampleOutcome, type PropertyOutcome } from "./property.js";
import { lifecycleProblem, sequenceRoots } from "./lifecycle-roots.js";
import { kebab, sequenceCases } from "./sequences.js";
import { isSigned, tamperedCase, tamperedRequests, tamperingsOf, type Tampering, type Tamperings } from "./tamper.js";
import { createdTarget, isDestructive } from "./targets.js";
import { modelCases } from "./model/cases.js";
import { raceProperties } from "./races.js";
import { ignoredAuth } from "./peer-checks.js";

import type { CaseProperty, CasePropertyOptions, UnavailableProperty } from "./case-property.js";
export type { CaseProperty, CasePropertyOptions, UnavailableProperty } from "./case-property.js";

/**
 * A replayed tampering is first sent properly signed: a valid request. To a destructive operation
 * it would address a drawn user, so it is left out unless drawn targets are allowed.
 */
const replays = (tamperings: Tamperings): Tampering[] => Object.keys(tamperings).filter((kind) => tamperings[kind]!.replay);

/** The lifecycle sequences from each selected create that links to an archive, and the tamperings of each selected signed operation. */
export function caseProperties(contract: Contract, operations: Operation[], options: CasePropertyOptions): Array<CaseProperty | UnavailableProperty> {
  const sequences = sequenceRoots(contract, operations).map((root) => {
    const common = { name: `fuzz-sequence-${kebab(root.operationId)}`, operation: root, label: "lifecycles generated along the links" };
    const unavailable = lifecycleProblem(contract, root);
    return unavailable ? { ...common, unavailable } : { ...common, arbitrary: sequenceCases(contract, [root], options) };
  });
  const signed = tamperingsOf(options.caseRequestSchema, options.tamperings).length > 0 ? operations.filter(isSigned) : [];
  const tamperings = signed.map((operation) => {
    const name = `fuzz-tamper-${kebab(operation.operationId)}`;
    const leaveOut = options.allowDrawnTargets || !isDestructive(contract, operation) ? [] : replays(options.tamperings);
    const arbitrary = tamperedRequests(contract, operation, { ...options, leaveOut }).map((tampered) => tamperedCase(tampered, `${options.apiName}/${name}`));
    return { name, operation, label: "signed requests tampered with", arbitrary };
  });
  return [...sequences, ...modelProperties(contract, operations, options), ...raceProperties(contract, operations, options), ...ignoredAuth(contract, operations, options), ...tamperings];
}

/**
 * The model's sequences, when its create is selected: its commands on the selected operations
 * and on any others but permanent deletes (those only when selected).
 */
function modelProperties(contract: Contract, operations: Operation[], options: CasePropertyOptions): CaseProperty[] {
  const { model } = options;
  const root = model && operations.find((operation) => operation.operationId === model.create);
  if (!model || !root) return [];
  const selected = new Set(operations.map((operation) => operation.operationId));
  const commands = model.commands.filter((command) => {
    const operation = contract.byId(command.operationId);
    return operation !== undefined && (selected.has(command.operationId) || !isPermanentDelete(operation));
  });
  const name = `fuzz-model-${kebab(root.operationId)}`;
  return [{ name, operation: root, label: "sequences over several users, judged by the API's model", arbitrary: modelCases(contract, model, commands, options, name) }];
}

/**
 * Without drawn targets, an operation's valid requests as cases that touch only the run's own
 * users: a destructive operation's on a user each case creates, a create's with identifying
 * values unique to the run. Undefined where drawn values are harmless (reads) or allowed.
 */
export function ownUsersPositives(contract: Contract, operation: Operation, options: CasePropertyOptions & { identityFields: readonly string[] }): CaseProperty | UnavailableProperty | undefined {
  if (options.allowDrawnTargets) return undefined;
  const name = `fuzz-${kebab(operation.operationId)}-positive`;
  if (isDestructive(contract, operation)) {
    const target = createdTarget(contract, operation, sequenceRoots(contract, contract.operations));
    if (!target) {
      const unavailable = `its valid requests would address users this run did not create (no create's answer gives what they address) — add --allow-drawn-targets to send them, on a server whose users may be lost`;
      return { name, operation, label: "valid requests", unavailable };
    }
    return { name, operation, label: "valid requests, each on a user the run created", arbitrary: onCreatedUsers(contract, operation, target, options) };
  }
  const identifying = identifyingBodyFields(contract, operation, options.identityFields);
  if (identifying.size === 0) return undefined;
  return { name, operation, label: "valid requests, naming users unique to the run", arbitrary: uniqueCreates(contract, operation, identifying, options) };
}

/** A failing generated case as the case file `verify --cases` replays (it is one already). */
export function savedCase(testCase: Case, seed: number): { file: string; text: string } {
  const { file: _file, ...written } = testCase;
  const name = testCase.id.split("/")[1]!;
  return { file: `${name}-seed-${seed}.yaml`, text: dump({ ...written, id: `${testCase.id}-seed-${seed}`, source: `${testCase.source}; archive-kit fuzz --seed ${seed}` }, { lineWidth: -1, noRefs: true }) };
}

export interface CasePropertyRun {
  apiName: string;
  seed: number;
  numRuns: number;
  /** Milliseconds left of the run's --duration. */
  remainingMs: number;
  durationS?: number;
  saveFailuresDir?: string;
  /** Runs one generated case against the implementation (run-case.ts); never throws. */
  runExample(testCase: Case): Promise<ExampleOutcome>;
  redactor: Redactor;
}

/**
 * Checks one case property and reports it as a case result: the shrunk failing case's steps, a
 * curl line of its first failing request, and (when asked) the case saved to replay under verify.
 */
export async function checkCaseProperty(property: CaseProperty | UnavailableProperty, run: CasePropertyRun): Promise<{ result: CaseResult; saved?: string }> {
  const started = performance.now();
  const outcome: PropertyOutcome<Case> =
    "unavailable" in property
      ? { verdict: "skipped", reason: property.unavailable }
      : run.remainingMs > 0
        ? await checkProperty(property.arbitrary, run.runExample, { seed: run.seed, numRuns: run.numRuns, timeLimitMs: Math.min(run.remainingMs, 2 ** 31 - 1) })
        : { verdict: "skipped", reason: `--duration ${run.durationS} s was spent before it` };
  const written = outcome.verdict === "failed" && run.saveFailuresDir ? await writeFailureCase(run.saveFailuresDir, savedCase(outcome.counterexample, run.seed)) : undefined;
  const saved = written && (written.ok ? `saved as ${written.file}` : `not saved: ${written.reason}`);
  const result = caseResult(property, outcome, { apiName: run.apiName, seed: run.seed, saved, durationMs: Math.round(performance.now() - started) });
  return { result: storedResult(result, run.redactor), ...(written?.ok ? { saved: written.file } : {}) };
}

function caseResult(property: CaseProperty | UnavailableProperty, outcome: PropertyOutcome<Case>, context: { apiName: string; seed: number; saved?: string; durationMs: number }): CaseResult {
  const base = { id: `${context.apiName}/${property.name}`, operation: property.operation.operationId, source: `archive-kit fuzz --seed ${context.seed}`, tags: ["fuzz"], setup: [], steps: [], durationMs: context.durationMs };
  if (outcome.verdict === "skipped") return { ...base, title: property.label, status: "skipped", reason: outcome.reason };
  if (outcome.verdict === "passed") return { ...base, title: `${property.label}: ${outcome.examples} passed${outcome.interrupted ? " (cut short by --duration)" : ""}`, status: "passed" };
  const { counterexample, failure } = outcome;
  const failing = failure.steps.find((step) => step.failures.length > 0) ?? failure.setup.find((step) => step.failures.length > 0) ?? failure.steps.at(-1);
  const reason = [
    `${shrunkAfter(outcome)}: ${counterexample.title}`,
    ...(failure.reason ? [failure.reason] : []),
    ...(context.saved ? [context.saved] : []),
    ...(failing ? [`reproduce: ${curlLine(failing.exchange.request)}`] : []),
  ].join("; ");
  return { ...base, title: property.label, status: "failed", reason, setup: failure.setup, steps: failure.steps };
}
