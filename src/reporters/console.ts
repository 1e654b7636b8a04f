import pc from "picocolors";
import type { CaseResult, RunResult } from "../conformance/types.js";
import { totals } from "./totals.js";
import type { Reporter } from "./types.js";

/** Per API, cases grouped by operation, one line each, every failure with where, received and expected. */
export function consoleReporter(write: (line: string) => void): Reporter {
  const runs: RunResult[] = [];
  return {
    handle(event) {
      if (event.type === "run-started") write(pc.bold(`${event.api} — ${event.total} cases against ${event.baseUrl}`));
      if (event.type === "run-finished") {
        runs.push(event.result);
        printRun(event.result, write);
      }
    },
    async finish() {
      const total = totals(runs);
      write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
    },
  };
}

function printRun(run: RunResult, write: (line: string) => void): void {
  const byOperation = new Map<string, CaseResult[]>();
  for (const result of run.cases) byOperation.set(result.operation, [...(byOperation.get(result.operation) ?? []), result]);
  for (const [operation, results] of byOperation) {
    write(`  ${pc.cyan(operation)}`);
    for (const result of results) printCase(result, write);
  }
  const { passed, failed, skipped, durationMs } = run.summary;
  write(`  ${run.api}: ${passed} passed, ${failed} failed, ${skipped} skipped in ${(durationMs / 1000).toFixed(2)} s`);
  write("");
}

function printCase(result: CaseResult, write: (line: string) => void): void {
  const mark = result.status === "passed" ? pc.green("✓") : result.status === "failed" ? pc.red("✗") : pc.yellow("-");
  write(`    ${mark} ${result.id}  ${pc.dim(result.title)}${result.reason ? ` — ${result.reason}` : ""}`);
  for (const step of result.steps) {
    for (const failure of step.failures) {
      const request = `${step.exchange.request.method} ${new URL(step.exchange.request.url).pathname}`;
      write(`        ${pc.red(failure.title)} at ${failure.where} (${request}): ${failure.message}`);
    }
  }
}
