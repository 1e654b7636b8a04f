import { randomBytes } from "node:crypto";
import type { Contract } from "../contract/index.js";
import { describeCause } from "../errors.js";
import { SetupFailed, SkipCase, type ConformanceApi } from "./api.js";
import { runStep } from "./run-step.js";
import { fill, lookup, MissingVariableError, type Variables } from "./template.js";
import { createTransport } from "./transport.js";
import type { Case, CaseResult, RunEvent, RunResult, StepResult } from "./types.js";

export interface Hooks {
  beforeAll?(context: { variables: Variables }): unknown;
  beforeEach?(context: { case: Case; variables: Variables }): unknown;
  afterEach?(context: { case: Case; result: CaseResult }): unknown;
  afterAll?(context: { result: RunResult }): unknown;
}

export interface RunCasesOptions {
  apiName: string;
  baseUrl: string;
  contract: Contract;
  api: ConformanceApi;
  cases: Case[];
  /** Fixtures or --vars: callers, users, app ids. */
  variables: Variables;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Cases run at once; the report keeps the cases' order whatever finishes first. */
  concurrency: number;
  hooks?: Hooks;
  onEvent?: (event: RunEvent) => void;
}

/** Runs the cases against one implementation: setup, request, checks, follow-ups. */
export async function runCases(options: RunCasesOptions): Promise<RunResult> {
  const started = performance.now();
  const transport = createTransport(options.baseUrl, { timeoutMs: options.timeoutMs, maxResponseBytes: options.maxResponseBytes });
  const shared: Variables = { ...options.variables, run: { id: randomBytes(4).toString("hex") } };
  options.onEvent?.({
    type: "run-started",
    api: options.apiName,
    baseUrl: options.baseUrl,
    total: options.cases.length,
    operations: options.contract.operations.map((operation) => ({
      operationId: operation.operationId,
      method: operation.method.toUpperCase(),
      path: operation.pathTemplate,
      statuses: Object.keys(operation.responses),
    })),
  });
  await options.hooks?.beforeAll?.({ variables: shared });

  const results: CaseResult[] = new Array(options.cases.length);
  let next = 0;
  let reported = 0;
  const finished = new Map<number, CaseResult>();
  // Events go out in case order, so that streamed reports are as deterministic as the final one.
  const report = (index: number, result: CaseResult) => {
    finished.set(index, result);
    while (finished.has(reported)) {
      options.onEvent?.({ type: "case-finished", result: finished.get(reported)! });
      finished.delete(reported++);
    }
  };
  const worker = async () => {
    while (next < options.cases.length) {
      const index = next++;
      const testCase = options.cases[index]!;
      await options.hooks?.beforeEach?.({ case: testCase, variables: shared });
      const result = await runCase(testCase, { ...options, variables: shared }, transport);
      await options.hooks?.afterEach?.({ case: testCase, result });
      results[index] = result;
      report(index, result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.cases.length)) }, worker));
  } finally {
    transport.close();
  }
  const result: RunResult = {
    api: options.apiName,
    baseUrl: options.baseUrl,
    reached: transport.answered() > 0 || options.cases.length === 0,
    cases: results,
    summary: {
      passed: results.filter((item) => item.status === "passed").length,
      failed: results.filter((item) => item.status === "failed").length,
      skipped: results.filter((item) => item.status === "skipped").length,
      durationMs: Math.round(performance.now() - started),
    },
  };
  await options.hooks?.afterAll?.({ result });
  options.onEvent?.({ type: "run-finished", result });
  return result;
}

async function runCase(testCase: Case, options: RunCasesOptions, transport: ReturnType<typeof createTransport>): Promise<CaseResult> {
  const started = performance.now();
  const base = { id: testCase.id, title: testCase.title, operation: testCase.operation, source: testCase.source, tags: testCase.tags };
  const finish = (status: CaseResult["status"], steps: StepResult[], reason?: string): CaseResult => ({
    ...base,
    status,
    ...(reason ? { reason } : {}),
    steps,
    durationMs: Math.round(performance.now() - started),
  });
  const variables: Variables = { ...options.variables };
  const memory: Record<string, string> = {};
  const environment = { contract: options.contract, api: options.api, transport, variables, memory };
  const steps: StepResult[] = [];
  try {
    for (const [name, given] of Object.entries(testCase.given ?? {})) {
      variables[name] =
        "var" in given
          ? lookup(variables, given.var)
          : await options.api.create(fill(given.create as Record<string, unknown>, variables), { contract: options.contract, variables, memory, send: (outgoing) => transport.send(outgoing) });
    }
    const plan = [
      { title: testCase.title, request: testCase.request, expect: testCase.expect, checks: testCase.checks ?? [] },
      ...(testCase.then ?? []).map((step) => ({ title: step.title ?? "", request: step.request, expect: step.expect, checks: step.checks ?? [] })),
    ];
    for (const step of plan) steps.push(await runStep(step, environment));
  } catch (error) {
    if (error instanceof MissingVariableError) return finish("skipped", steps, `${error.message} (pass it with --vars)`);
    if (error instanceof SkipCase) return finish("skipped", steps, error.message);
    if (error instanceof SetupFailed) return finish("failed", steps, `setup: ${error.message}`);
    return finish("failed", steps, `could not run: ${describeCause(error)}`);
  }
  return finish(steps.some((step) => step.failures.length > 0) ? "failed" : "passed", steps);
}
