import pc from "picocolors";
import { receivedExpected } from "../conformance/failure-line.js";
import type { ProxiedExchange } from "./run-proxy.js";

/**
 * One line per exchange, numbered in the order requests arrived so that concurrent traffic stays
 * attributable (`#17 DELETE /users?user_id=25 → 200 12 ms ✗ 2`), then each failure and warning.
 */
export function exchangeLines(exchange: ProxiedExchange): string[] {
  const [step] = exchange.result.steps;
  if (!step) return [];
  const { request, response, error } = step.exchange;
  const answer = response ? String(response.status) : `no answer (${error?.message ?? "unknown"})`;
  const by = exchange.answeredBy === "proxy" ? " (answered by the proxy)" : "";
  const verdict = step.failures.length > 0 ? pc.red(`✗ ${step.failures.length}`) : exchange.result.status === "skipped" ? pc.yellow("○ no check applied") : pc.green("✓");
  const warned = step.warnings.length > 0 ? ` ${pc.yellow(`⚠ ${step.warnings.length}`)}` : "";
  const head = `#${exchange.sequence} ${request.method} ${shortTarget(request.target)} → ${answer}${by} ${step.exchange.durationMs} ms ${verdict}${warned}`;
  return [
    head,
    ...step.failures.map((failure) => `    ${pc.red("✗")} ${failure.title} at ${failure.where} [${failure.check}]: ${receivedExpected(failure)}`),
    ...step.warnings.map((warning) => `    ${pc.yellow("⚠")} ${warning.title} at ${warning.where} [${warning.check}]: ${receivedExpected(warning)}`),
  ];
}

function shortTarget(target: string): string {
  return target.length > 160 ? `${target.slice(0, 159)}…` : target;
}
