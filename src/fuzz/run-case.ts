import type { Contract } from "../contract/index.js";
import { SetupFailed, SkipCase } from "../conformance/api.js";
import { assertUniqueToRun } from "../conformance/confirm-created.js";
import { runStep, type StepEnvironment, type StepInput } from "../conformance/run-step.js";
import { caseSteps, runIdentifiers } from "../conformance/run-cases.js";
import { fill, MissingVariableError, type Variables } from "../conformance/template.js";
import type { Case, StepResult } from "../conformance/types.js";
import { describeCause } from "../errors.js";
import { confirmOwnUser } from "./confirm-own-user.js";
import type { ExampleOutcome } from "./property.js";
import { isDestructive, successStatus } from "./targets.js";

const isSuccess = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;

/** What running a generated case needs: the run's engine, its variables and how it sends. */
export type GeneratedCaseEnvironment = Omit<StepEnvironment, "memory" | "setup">;

/**
 * The creates to confirm, by step: the first step and each later one sending the same create that
 * binds the user it makes, when a later step archives, deletes or changes something (a model
 * sequence creates several users). Each maps to the name its user is bound to.
 */
function createsTargets(contract: Contract, plan: StepInput[]): Map<number, string> {
  const operationOf = (step: StepInput) => contract.match(step.request.method, step.request.path)?.operation;
  const root = operationOf(plan[0]!);
  const destructive = plan.slice(1).some((step) => {
    const operation = operationOf(step);
    return operation !== undefined && isDestructive(contract, operation);
  });
  const targets = new Map<number, string>();
  if (!destructive || !root) return targets;
  for (const [index, step] of plan.entries()) if (step.expect.bind && operationOf(step) === root) targets.set(index, step.expect.bind);
  return targets;
}

/**
 * Runs a generated case (a lifecycle, a valid request on a created user, a tampering) on the fuzz
 * run's connection, step by step. When its first step creates the user a later step archives,
 * deletes or changes, that user is confirmed as the run's own before anything else is sent
 * (confirm-own-user.ts): values unique to the run, echoed by the answer, and the answered id read
 * back as the same user. Otherwise the case fails in setup and
 * sends nothing destructive. A create refused as documented leaves nothing to judge: it passes,
 * unless a step already failed. Never throws.
 */
export async function runGeneratedCase(testCase: Case, environment: GeneratedCaseEnvironment): Promise<ExampleOutcome> {
  const setup: StepResult[] = [];
  const steps: StepResult[] = [];
  // Fresh per example, as verify draws them per run: no example (nor a shrink, which keeps the body) meets a user an earlier one left.
  const variables: Variables = { ...environment.variables, run: runIdentifiers() };
  const stepEnvironment: StepEnvironment = { ...environment, variables, memory: {}, setup };
  const plan = caseSteps(testCase);
  const targets = createsTargets(environment.contract, plan);
  const failedSoFar = () => [...setup, ...steps].some((step) => step.failures.length > 0);
  try {
    for (const [index, step] of plan.entries()) {
      const target = targets.get(index);
      const sent = target ? fill(step.request.body, variables) : undefined;
      if (sent) assertUniqueToRun(target!, sent as Record<string, unknown>, Object.values(variables.run as Record<string, string>), stepEnvironment);
      const result = await runStep(step, stepEnvironment);
      steps.push(result);
      // A refusal bound for later steps (a create the server turned down as documented) leaves them nothing to address.
      if (step.expect.bind && !isSuccess(result.exchange.response?.status)) break;
      const root = target ? environment.contract.match(step.request.method, step.request.path)?.operation : undefined;
      if (root && result.exchange.response?.status === Number(successStatus(root))) {
        await confirmOwnUser(root, target!, sent as Record<string, unknown>, stepEnvironment);
      }
    }
  } catch (error) {
    if (error instanceof SetupFailed) return { verdict: "failed", setup, steps, reason: `setup: ${error.message}` };
    // The create answered without the user the later steps need (refused as documented): nothing to judge.
    if (error instanceof MissingVariableError && !failedSoFar()) return { verdict: "passed" };
    if (error instanceof SkipCase && !failedSoFar()) return { verdict: "skipped", reason: error.message };
    if (!(error instanceof MissingVariableError || error instanceof SkipCase)) return { verdict: "failed", setup, steps, reason: `could not run: ${describeCause(error)}` };
  }
  return failedSoFar() ? { verdict: "failed", setup, steps } : { verdict: "passed" };
}
