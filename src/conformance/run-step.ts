import { CHECKS } from "../checks/index.js";
import type { Contract } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { ConformanceApi } from "./api.js";
import { requestTarget } from "./request.js";
import { fill, type Variables } from "./template.js";
import type { Transport } from "./transport.js";
import type { CaseRequest, Exchange, Expect, Failure, StepResult } from "./types.js";

export interface StepInput {
  title: string;
  request: CaseRequest;
  expect: Expect;
  checks: string[];
}

export interface StepEnvironment {
  contract: Contract;
  api: ConformanceApi;
  transport: Transport;
  variables: Variables;
  memory: Record<string, string>;
}

/** Fills a step's templates, prepares and sends its request, and runs every check on the answer. */
export async function runStep(step: StepInput, environment: StepEnvironment): Promise<StepResult> {
  const { contract, api, transport, variables, memory } = environment;
  const request = fill(step.request, variables);
  const expect = fill(step.expect, variables);
  const operation = contract.match(request.method, request.path)?.operation;
  const prepared = await api.prepare(request, { contract, operation, variables, memory, send: (outgoing) => transport.send(outgoing) });
  const exchange = "decidedBy" in prepared ? prepared.decidedBy : await transport.send(prepared.request);
  const failures = transportFailures(exchange);
  const passed: string[] = [];
  const answeredOperation = "decidedBy" in prepared ? contract.match(exchange.request.method, new URL(exchange.request.url).pathname)?.operation : operation;
  if (exchange.response) {
    const errorSchema = contract.document.components?.schemas?.[api.errorSchemaName] as SchemaObject;
    const context = { contract, operation: answeredOperation, expect, requested: step.checks, exchange: { ...exchange, response: exchange.response }, errorSchema };
    for (const check of CHECKS) {
      const result = check.run(context);
      if (!result.applies) continue;
      if (result.failures.length === 0) passed.push(check.name);
      failures.push(...result.failures);
    }
    if (expect.bind) variables[expect.bind] = exchange.response.json;
  }
  return {
    title: step.title || `${request.method} ${requestTarget(request)}`,
    ...(answeredOperation ? { operationId: answeredOperation.operationId } : {}),
    exchange,
    failures,
    passed,
  };
}

function transportFailures(exchange: Exchange): Failure[] {
  if (!exchange.error) return [];
  return [{ check: "transport", title: "No usable response", message: exchange.error.message, where: "transport" }];
}
