import type { CheckRegistry } from "../checks/registry.js";
import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import { REDACTED } from "../conformance/redact.js";
import { runChecks } from "../conformance/run-step.js";
import type { CaseResult, Exchange, Expect, Failure, StepResult } from "../conformance/types.js";
import { apiKeyHeaders, missingCredentials, type SeenRequest } from "./credential-rules.js";
import type { ApiPlugin } from "../plugin.js";
import { createModelTracker, type ModelExpectation } from "./model-tracker.js";

export interface TrafficJudgeOptions {
  contract: Contract;
  /** The checks the run selected, traffic checks included. */
  checks: CheckRegistry;
  errorSchemaName: string;
  /** The plugin's model of its users, followed across the traffic; none: no state is judged. */
  tracker?: ReturnType<typeof createModelTracker>;
  /** The plugin declares that a user action token works once: a second 2xx for one is a failure. */
  singleUseCredentials: boolean;
}

/** What one exchange was judged by beyond the contract: the rule that set its expectation. */
export type TrafficRule = { kind: "credentials"; missing: string[] } | { kind: "single-use"; header: string } | { kind: "model"; model: ModelExpectation } | { kind: "contract" };

/** Credential values already answered 2xx, remembered up to this many (memory stays bounded). */
const REMEMBERED_CREDENTIALS = 100_000;

/**
 * Judges what passes through the proxy, in both directions: the request against its operation,
 * the response with every selected check, and the traffic so far (a request without the
 * credentials its operation requires, a single-use credential presented again, a user the model
 * follows) setting what the status must be.
 */
export function createTrafficJudge(options: TrafficJudgeOptions) {
  const { contract, checks } = options;
  const errorSchema = contract.document.components?.schemas?.[options.errorSchemaName] as SchemaObject;
  const spent = new Set<string>();

  const ruleFor = (operation: Operation, seen: SeenRequest, tracked: () => ModelExpectation | undefined): { rule: TrafficRule; expect: Expect; requested: string[]; filled?: ReadonlySet<string> } => {
    const documented = Object.keys(operation.responses).map(Number);
    const missing = missingCredentials(contract, operation, seen);
    const refusals = [401, 403].filter((status) => documented.includes(status));
    if (missing.length > 0 && refusals.length > 0) return { rule: { kind: "credentials", missing }, expect: { status: refusals as [number, ...number[]] }, requested: ["credentials-enforced"] };
    const errors = documented.filter((status) => status >= 400);
    const reused = errors.length > 0 && options.singleUseCredentials ? apiKeyHeaders(contract, operation).find((header) => seen.headers[header] !== REDACTED && spent.has(`${header}\n${seen.headers[header]}`)) : undefined;
    if (reused) return { rule: { kind: "single-use", header: reused }, expect: { status: errors as [number, ...number[]] }, requested: ["single-use-credential"] };
    const model = tracked();
    if (model) return { rule: { kind: "model", model }, expect: model.expect, requested: model.checks, filled: model.filledFromVariables };
    return { rule: { kind: "contract" }, expect: {}, requested: [] };
  };

  /** The request's own failures (`request-schema`, when selected), before any answer. */
  const requestIssues = (request: Exchange["request"], seen: SeenRequest): Failure[] => {
    const check = checks.get("request-schema");
    if (!check) return [];
    const operation = contract.match(request.method, request.target.split("?")[0]!)?.operation;
    const unanswered = { status: 0, headers: {}, text: "", json: undefined };
    const result = check.run({ contract, operation, expect: {}, requested: [], exchange: { request: { ...request, headers: seen.headers }, response: unanswered, durationMs: 0 }, errorSchema });
    return result.applies ? result.failures.map((finding) => ({ check: "request-schema", ...finding })) : [];
  };

  return {
    requestIssues,
    /** Judges one exchange; `seen` is its request with its credentials unmasked (never stored), `body` its JSON. */
    judge(exchange: Exchange, seen: SeenRequest, body: unknown, title: string): StepResult & { rule: TrafficRule } {
      const { request } = exchange;
      const path = request.target.split("?")[0]!;
      const operation = contract.match(request.method, path)?.operation;
      const failures: Failure[] = [];
      const warnings: Failure[] = [];
      const passed: string[] = [];
      let rule: TrafficRule = { kind: "contract" };
      if (exchange.error) failures.push({ check: "transport", title: "No usable response", where: "response.transport", received: exchange.error.message, expected: "a complete HTTP response" });
      if (exchange.response) {
        const chosen = operation
          ? ruleFor(operation, seen, () => options.tracker?.expectationFor({ method: request.method, operationId: operation.operationId, path, query: seen.query, body }))
          : { rule, expect: {}, requested: [] as string[] };
        rule = chosen.rule;
        const judged = runChecks(checks, {
          contract,
          operation,
          expect: chosen.expect,
          filledFromVariables: chosen.filled,
          requested: chosen.requested.filter((name) => checks.has(name)),
          // The checks see the credentials as sent (a nonce has a pattern); what is stored is masked.
          exchange: { ...exchange, request: { ...request, headers: seen.headers }, response: exchange.response },
          errorSchema,
        });
        const located = (item: Failure) => (item.where.startsWith("request.") ? item : { ...item, where: `response.${item.where}` });
        failures.push(...judged.failures.map(located));
        warnings.push(...judged.warnings.map(located));
        passed.push(...judged.passed);
        if (chosen.rule.kind === "model") chosen.rule.model.answered(exchange.response, judged.failures.length === 0);
        if (operation && options.singleUseCredentials && exchange.response.status >= 200 && exchange.response.status < 300) {
          for (const header of apiKeyHeaders(contract, operation)) if (seen.headers[header]) remember(spent, `${header}\n${seen.headers[header]}`);
        }
      } else {
        // No answer to judge, but the request is still the client's: judged on its own.
        failures.push(...requestIssues(exchange.request, seen));
      }
      return { title, ...(operation ? { operationId: operation.operationId } : {}), exchange, failures, warnings, passed, rule };
    },
  };
}

function remember(set: Set<string>, value: string): void {
  set.add(value);
  if (set.size > REMEMBERED_CREDENTIALS) set.delete(set.values().next().value!);
}

/** The judge of one API's traffic, as its plugin declares it: its error envelope, its model, whether its user action tokens work once. */
export function pluginTrafficJudge(plugin: ApiPlugin, contract: Contract, checks: CheckRegistry): TrafficJudge {
  const api = plugin.conformance.createApi({});
  const model = plugin.fuzz?.model;
  return createTrafficJudge({
    contract,
    checks,
    errorSchemaName: plugin.errorSchemaName,
    ...(model ? { tracker: createModelTracker(model, api.identity) } : {}),
    singleUseCredentials: Object.values(plugin.fuzz?.tamperings ?? {}).some((rule) => rule.replay),
  });
}

export type TrafficJudge = ReturnType<typeof createTrafficJudge>;

/**
 * One judged exchange as the reporters take it: a case of one step. An exchange that no selected
 * check applied to is skipped, saying so: it was not checked, and never counts as a pass.
 */
export function exchangeCase(step: StepResult, context: { sequence: number; source: string; durationMs: number }): CaseResult {
  const checked = step.failures.length > 0 || step.passed.length > 0;
  return {
    id: `exchange-${context.sequence}`,
    title: step.title,
    operation: step.operationId ?? "undocumented",
    source: context.source,
    tags: [],
    status: step.failures.length > 0 ? "failed" : checked ? "passed" : "skipped",
    ...(checked ? {} : { reason: "no selected check applied to this exchange" }),
    setup: [],
    steps: [step],
    durationMs: context.durationMs,
  };
}
