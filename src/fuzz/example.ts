import type { CheckRegistry } from "../checks/index.js";
import type { Contract } from "../contract/index.js";
import { SetupFailed, SkipCase, type RunAdapter } from "../conformance/api.js";
import { runLiteralStep, type StepEnvironment } from "../conformance/run-step.js";
import type { Variables } from "../conformance/template.js";
import type { StepResult } from "../conformance/types.js";
import { describeCause } from "../errors.js";
import type { ExampleOutcome } from "./property.js";
import type { GeneratedRequest } from "./types.js";
import { verdictFor } from "./verdict.js";

export interface ExampleEnvironment {
  contract: Contract;
  checks: CheckRegistry;
  api: RunAdapter;
  variables: Variables;
  send: StepEnvironment["send"];
  onJudged?: StepEnvironment["onJudged"];
}

/**
 * Sends one generated request through the API's `prepare` (credentials, signing) and judges the
 * answer with the engine's step runner against the request's verdict. Never throws.
 */
export async function sendAndJudge(generated: GeneratedRequest, environment: ExampleEnvironment): Promise<ExampleOutcome> {
  const operation = environment.contract.byId(generated.operationId);
  if (!operation) return { verdict: "failed", setup: [], steps: [], reason: `could not run: the generator named operation ${generated.operationId}, which the contract lacks` };
  const { expect, checks } = verdictFor(operation, generated);
  const setup: StepResult[] = [];
  // Each request on its own: nothing an earlier one left (a user action token, a nonce) carries over.
  const stepEnvironment: StepEnvironment = { ...environment, variables: { ...environment.variables }, memory: {}, setup };
  try {
    const step = await runLiteralStep({ title: "", request: generated.request, expect, checks }, stepEnvironment);
    const failed = step.failures.length > 0 || setup.some((exchange) => exchange.failures.length > 0);
    return failed ? { verdict: "failed", setup, steps: [step] } : { verdict: "passed" };
  } catch (error) {
    if (error instanceof SkipCase) return { verdict: "skipped", reason: error.message };
    const reason = error instanceof SetupFailed ? `setup: ${error.message}` : `could not run: ${describeCause(error)}`;
    return { verdict: "failed", setup, steps: [], reason };
  }
}
