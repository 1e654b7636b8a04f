import { randomBytes } from "node:crypto";
import type { CheckRegistry } from "../checks/registry.js";
import type { Contract } from "../contract/index.js";
import { describeCause } from "../errors.js";
import { SetupFailed, SkipCase, type RunAdapter } from "./api.js";
import { failureLine } from "./failure-line.js";
import { assertUniqueToRun, confirmCreated } from "./confirm-created.js";
import { preflightProblem } from "./preflight.js";
import { createRedactor, type Redactor } from "./redact.js";
import { judgeSetup, runStep, type StepEnvironment, type StepInput } from "./run-step.js";
import { storedResult } from "./stored.js";
import { fill, lookup, MissingVariableError, type Variables } from "./template.js";
import { reachOf, runOperations, runSummary } from "./summary.js";
import { createTransport, type OutgoingRequest, type Session } from "./transport.js";
import type { Case, CaseResult, Exchange, RunEvent, RunResult, StepResult } from "./types.js";

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
  api: RunAdapter;
  /** The checks to run, by name: the core checks and the API's, as selected. */
  checks: CheckRegistry;
  cases: Case[];
  /** Fixtures or --vars: callers, users, app ids. */
  variables: Variables;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Cases run at once; the report keeps the cases' order whatever finishes first. */
  concurrency: number;
  hooks?: Hooks;
  onEvent?: (event: RunEvent) => void;
  /** Accept skipped documented examples; otherwise one fails the run's verdict. */
  allowSkippedDocumented?: boolean;
  /** Secrets known before the run (credentials, the base URL's password); the run adds what it sends. */
  redactor?: Redactor;
  /** Credential headers besides the generic ones (the API plugin's): masked in reports, their values redacted. */
  secretHeaders?: readonly string[];
  /** Check reachability and credentials before any case (the API's preflight); a problem ends the run with `error` and no case run. */
  preflight?: boolean;
  /**
   * Confirm each created user is the run's own before its case goes on (default true). Off only
   * for an embedded stateless mock: it answers every create with its example user, and holds no one's data.
   */
  confirmCreated?: boolean;
}

/** Runs the cases against one implementation: setup, request, checks, follow-ups. */
export async function runCases(options: RunCasesOptions): Promise<RunResult> {
  const started = performance.now();
  const transport = createTransport(options.baseUrl, { timeoutMs: options.timeoutMs, maxResponseBytes: options.maxResponseBytes, secretHeaders: options.secretHeaders });
  const shared: Variables = { ...options.variables, run: runIdentifiers() };
  const redactor = options.redactor ?? createRedactor({ secretHeaders: options.secretHeaders });
  redactor.addFrom(options.variables);
  // Every request goes through here: the credentials it carries are redacted from whatever comes back.
  const sendIn = (session: Session) => (outgoing: OutgoingRequest) => {
    redactor.addHeaders(outgoing.headers);
    return session.send(outgoing);
  };
  // What a race sends: each copy on a connection of its own.
  const sendApart = (outgoing: OutgoingRequest) => {
    redactor.addHeaders(outgoing.headers);
    return transport.send(outgoing);
  };
  if (options.preflight) {
    const session = transport.session();
    const problem = await preflightProblem({ ...options, variables: shared, memory: {}, send: sendIn(session) }).finally(() => session.close());
    if (problem) {
      transport.close();
      const result = notRun(options, redactor.redact(problem), { reached: transport.answered() > 0, connected: transport.connected() > 0 });
      options.onEvent?.({ type: "run-finished", result });
      return result;
    }
  }
  options.onEvent?.({
    type: "run-started",
    api: options.apiName,
    baseUrl: options.baseUrl,
    total: options.cases.length,
    operations: runOperations(options.contract),
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
      // A session per case: a connection misbehaving in one case never fails another.
      const session = transport.session();
      const result = storedResult(await runCase(testCase, { ...options, variables: shared }, { send: sendIn(session), sendApart }).finally(() => session.close()), redactor);
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
  const summary = runSummary(results, started);
  const allowSkippedDocumented = options.allowSkippedDocumented ?? false;
  const result: RunResult = {
    api: options.apiName,
    baseUrl: options.baseUrl,
    // A run whose cases all stopped before sending anything (skipped) says nothing about the server.
    ...reachOf(transport),
    cases: results,
    summary,
    allowSkippedDocumented,
    verdict: summary.failed > 0 || (summary.skippedDocumented > 0 && !allowSkippedDocumented) ? "fail" : "pass",
  };
  await options.hooks?.afterAll?.({ result });
  options.onEvent?.({ type: "run-finished", result });
  return result;
}

/** A run the preflight stopped: no case ran, so it is neither a pass nor an API failure. */
function notRun(options: RunCasesOptions, error: string, reach: Pick<RunResult, "reached" | "connected">): RunResult {
  return {
    api: options.apiName,
    baseUrl: options.baseUrl,
    ...reach,
    cases: [],
    summary: { passed: 0, failed: 0, skipped: 0, warnings: 0, skippedDocumented: 0, durationMs: 0 },
    allowSkippedDocumented: options.allowSkippedDocumented ?? false,
    verdict: "fail",
    error,
  };
}

async function runCase(testCase: Case, options: RunCasesOptions, { send, sendApart }: Pick<StepEnvironment, "send" | "sendApart">): Promise<CaseResult> {
  const started = performance.now();
  const base = { id: testCase.id, title: testCase.title, operation: testCase.operation, source: testCase.source, tags: testCase.tags };
  const setup: StepResult[] = [];
  const steps: StepResult[] = [];
  const finish = (status: CaseResult["status"], reason?: string): CaseResult => ({
    ...base,
    status,
    ...(reason ? { reason } : {}),
    setup,
    steps,
    durationMs: Math.round(performance.now() - started),
  });
  const variables: Variables = { ...options.variables };
  const environment: StepEnvironment = { contract: options.contract, api: options.api, checks: options.checks, send, sendApart, variables, memory: {}, setup };
  const created = new Set<string>();
  const confirm = options.confirmCreated ?? true;
  const runTokens = Object.values(variables.run as Record<string, string>);
  try {
    for (const [name, given] of Object.entries(testCase.given ?? {})) {
      if ("var" in given) {
        variables[name] = lookup(variables, given.var);
        continue;
      }
      created.add(name);
      const sent = fill(given.create as Record<string, unknown>, variables);
      if (confirm) assertUniqueToRun(name, sent, runTokens, environment);
      variables[name] = await createGiven(sent, environment);
      if (confirm) await confirmCreated({ name, sent, created: variables[name] }, environment);
    }
    for (const step of caseSteps(testCase)) {
      // A step that creates a user and binds it (a replayed fuzz lifecycle) is confirmed like a given before later steps use it.
      const own = confirm && step.expect.bind && creates(environment, step.request) ? { name: step.expect.bind, sent: bodyOf(fill(step.request, variables)) } : undefined;
      if (own) assertUniqueToRun(own.name, own.sent, runTokens, environment);
      const result = await runStep(step, environment);
      steps.push(result);
      const status = result.exchange.response?.status ?? 0;
      if (own && status >= 200 && status < 300) await confirmCreated({ ...own, created: variables[own.name] }, environment);
    }
  } catch (error) {
    const setupFailure = firstFailure(setup);
    if (setupFailure) return finish("failed", `setup: ${setupFailure}`);
    // Steps that ran and failed decide the case, whatever a later step could not be filled with.
    const stepFailed = steps.some((step) => step.failures.length > 0);
    if (stepFailed && error instanceof MissingVariableError) return finish("failed", `a later step ${error.message}, which the failing steps did not give`);
    if (stepFailed && (error instanceof SkipCase || error instanceof SetupFailed)) return finish("failed", error.message);
    if (error instanceof MissingVariableError && created.has(error.variable.split(".")[0]!)) {
      // The implementation created it, so the create's answer lacks what the case needs: that is its failure.
      return finish("failed", `setup: what the implementation created has no ${error.variable}`);
    }
    if (error instanceof MissingVariableError) return finish("skipped", `${error.message} (pass it with --vars)`);
    if (error instanceof SkipCase) return finish("skipped", error.message);
    if (error instanceof SetupFailed) return finish("failed", `setup: ${error.message}`);
    return finish("failed", `could not run: ${describeCause(error)}`);
  }
  const setupFailure = firstFailure(setup);
  if (setupFailure) return finish("failed", `setup: ${setupFailure}`);
  if (steps.some((step) => step.failures.length > 0)) return finish("failed");
  // Only a narrowed check selection can leave every step unjudged: that is not a pass.
  if (steps.every((step) => step.passed.length === 0)) return finish("skipped", "none of the selected checks applies to its answers (widen --checks / --exclude-checks)");
  return finish("passed");
}

/** A case's request and its follow-ups, in order, as steps to run. */
export function caseSteps(testCase: Case): StepInput[] {
  return [
    { title: testCase.title, request: testCase.request, expect: testCase.expect, checks: testCase.checks ?? [] },
    ...(testCase.then ?? []).map((step) => ({ title: step.title ?? "", request: step.request, expect: step.expect, checks: step.checks ?? [] })),
  ];
}

/**
 * What a run's templates name as `run`: an id and an all-digit number, both drawn for the run, so
 * that what its cases create (ids, e-mails, all-digit user_ids) is unique to it.
 */
export function runIdentifiers(): { id: string; number: string } {
  return { id: randomBytes(4).toString("hex"), number: String(randomBytes(6).readUIntBE(0, 6)).padStart(15, "7") };
}

/** Whether a case request addresses one of the API's creates (`identity.creates`). */
function creates(environment: StepEnvironment, request: Case["request"]): boolean {
  const operation = environment.contract.match(request.method, request.path)?.operation;
  return operation !== undefined && environment.api.identity.creates.includes(operation.operationId);
}

/** A request's JSON body as an object: anything else identifies nobody (and so fails the confirmation). */
function bodyOf(request: Case["request"]): Record<string, unknown> {
  const body = typeof request.body === "string" ? safeJson(request.body) : request.body;
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Creates one `given` through the API, judging every exchange that took like any other. */
async function createGiven(body: Record<string, unknown>, environment: StepEnvironment): Promise<unknown> {
  const { contract, variables, memory, setup } = environment;
  const exchanges: Exchange[] = [];
  const send = async (outgoing: OutgoingRequest) => {
    const exchange = await environment.send(outgoing);
    exchanges.push(exchange);
    return exchange;
  };
  try {
    return await environment.api.create(body, { contract, variables, memory, send });
  } finally {
    for (const exchange of exchanges) setup.push(judgeSetup(exchange, environment));
  }
}

/** The first failure of the setup exchanges, as one line: what, where, on which request. */
function firstFailure(setup: StepResult[]): string | undefined {
  for (const step of setup) {
    const failure = step.failures[0];
    if (failure) return failureLine(step, failure);
  }
  return undefined;
}
