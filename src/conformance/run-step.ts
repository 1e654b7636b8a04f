import type { CheckRegistry } from "../checks/registry.js";
import type { CheckContext } from "../checks/types.js";
import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { RunAdapter } from "./api.js";
import { runRace } from "./race.js";
import { requestTarget } from "./request.js";
import { fill, templatedPointers, type Variables } from "./template.js";
import type { OutgoingRequest } from "./transport.js";
import type { CaseRequest, Exchange, Expect, Failure, StepResult } from "./types.js";

export interface StepInput {
  title: string;
  request: CaseRequest;
  expect: Expect;
  checks: string[];
  /** Pointers into `expect` of the values its templates filled. */
  filledFromVariables?: ReadonlySet<string>;
}

export interface StepEnvironment {
  contract: Contract;
  api: RunAdapter;
  /** The checks the run selected, by name. */
  checks: CheckRegistry;
  send(request: OutgoingRequest): Promise<Exchange>;
  /** Told of every exchange once judged, a step's or its setup's (fuzz --record). */
  onJudged?(result: StepResult): void;
  /** Sends on a connection of its own, beside the others (`request.race`); without it a race cannot run. */
  sendApart?(request: OutgoingRequest): Promise<Exchange>;
  variables: Variables;
  memory: Record<string, string>;
  /** Where the exchanges a step relies on before its own request (user action signing) are judged and kept. */
  setup: StepResult[];
}

/** Fills a step's templates, prepares and sends its request, and runs every check on the answer. */
export async function runStep(step: StepInput, environment: StepEnvironment): Promise<StepResult> {
  return runLiteralStep({ ...step, request: fill(step.request, environment.variables), expect: fill(step.expect, environment.variables), filledFromVariables: templatedPointers(step.expect) }, environment);
}

/** Prepares and sends a step whose request is literal (generated, not a template), and runs every check on the answer. */
export async function runLiteralStep(step: StepInput, environment: StepEnvironment): Promise<StepResult> {
  const { contract, api, checks, variables, memory } = environment;
  const { request, expect } = step;
  const operation = contract.match(request.method, request.path)?.operation;
  const preliminary: Exchange[] = [];
  const send = async (outgoing: OutgoingRequest) => {
    const exchange = await environment.send(outgoing);
    preliminary.push(exchange);
    return exchange;
  };
  const decided = new Set<Exchange>();
  const prepare = async (literal: CaseRequest) => {
    const prepared = await api.prepare(literal, { contract, operation, variables, memory, send });
    if ("decidedBy" in prepared) decided.add(prepared.decidedBy);
    return prepared;
  };
  // A requested semantic check the run left out leaves the status to status-code.
  const requested = step.checks.filter((name) => checks.has(name));
  // An answer decided by a preliminary call is judged against the operation it addressed.
  const judgeAnswer = (exchange: Exchange) =>
    judge(exchange, { contract, api, checks, operation: decided.has(exchange) ? operationOf(contract, exchange) : operation, expect, requested, filledFromVariables: step.filledFromVariables });
  let judged: Omit<StepResult, "title">;
  if (request.race) {
    judged = await runRace({ ...request, race: request.race }, { sendApart: environment.sendApart, prepare, judge: judgeAnswer });
  } else {
    const prepared = await prepare(request);
    judged = judgeAnswer("decidedBy" in prepared ? prepared.decidedBy : await environment.send(prepared.request));
  }
  // A preliminary call that decided the step is judged as the step; the others as setup.
  for (const earlier of preliminary) {
    if (decided.has(earlier)) continue;
    const setupResult = judgeSetup(earlier, environment);
    environment.setup.push(setupResult);
    environment.onJudged?.(setupResult);
  }
  const { exchange } = judged;
  if (exchange.response && expect.bind) {
    variables[expect.bind] = exchange.response.json;
    // What a $response.header link reads (src/fuzz/sequences.ts headersOf).
    variables[`${expect.bind}-headers`] = exchange.response.headers;
  }
  const result = { title: step.title || `${request.method} ${requestTarget(request)}${request.race ? ` (${request.race.copies} at once)` : ""}`, ...judged };
  environment.onJudged?.(result);
  return result;
}

/** A setup exchange, judged against whatever operation it addressed: any documented status, its schema, its headers. */
export function judgeSetup(exchange: Exchange, environment: Pick<StepEnvironment, "contract" | "api" | "checks">): StepResult {
  const operation = operationOf(environment.contract, exchange);
  const judged = judge(exchange, { ...environment, operation, expect: {}, requested: [] });
  return { title: `setup: ${exchange.request.method} ${exchange.request.target}`, ...judged };
}

/** The documented operation an exchange's request addressed: its target is relative to the base URL, prefix or not. */
function operationOf(contract: Contract, exchange: Exchange): Operation | undefined {
  return contract.match(exchange.request.method, exchange.request.target.split("?")[0]!)?.operation;
}

interface Judgement {
  contract: Contract;
  api: RunAdapter;
  checks: CheckRegistry;
  operation: Operation | undefined;
  expect: Expect;
  requested: string[];
  filledFromVariables?: ReadonlySet<string>;
}

function judge(exchange: Exchange, { contract, api, checks, operation, expect, requested, filledFromVariables }: Judgement): Omit<StepResult, "title"> {
  const failures = transportFailures(exchange);
  const warnings: Failure[] = [];
  const passed: string[] = [];
  if (exchange.response) {
    const errorSchema = contract.document.components?.schemas?.[api.errorSchemaName] as SchemaObject;
    const context = { contract, operation, expect, requested, filledFromVariables, exchange: { ...exchange, response: exchange.response }, errorSchema };
    const judged = runChecks(checks, context);
    failures.push(...judged.failures);
    warnings.push(...judged.warnings);
    passed.push(...judged.passed);
  }
  return { ...(operation ? { operationId: operation.operationId } : {}), exchange, failures, warnings, passed };
}

/**
 * Runs the registered checks on one answered exchange: a semantic check only when the step
 * requests it. Each finding is stamped with the name its check is registered under.
 */
export function runChecks(checks: CheckRegistry, context: CheckContext): { failures: Failure[]; warnings: Failure[]; passed: string[] } {
  const failures: Failure[] = [];
  const warnings: Failure[] = [];
  const passed: string[] = [];
  for (const [name, check] of checks) {
    if (check.semantic && !context.requested.includes(name)) continue;
    const result = check.run(context);
    if (!result.applies) continue;
    if (result.failures.length === 0) passed.push(name);
    failures.push(...result.failures.map((finding) => ({ check: name, ...finding })));
    warnings.push(...(result.warnings ?? []).map((finding) => ({ check: name, ...finding })));
  }
  return { failures, warnings, passed };
}

function transportFailures(exchange: Exchange): Failure[] {
  if (!exchange.error) return [];
  // Not a registered check: an exchange without a response fails whatever checks were selected.
  return [{ check: "transport", title: "No usable response", where: "transport", received: exchange.error.message, expected: "a complete HTTP response" }];
}
