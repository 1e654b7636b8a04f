import pc from "picocolors";
import type { CaseResult, RunResult } from "../conformance/types.js";
import { caseLines } from "../conformance/failure-line.js";
import { totals } from "./totals.js";
import type { Reporter } from "./types.js";

/**
 * Per API, cases grouped by operation, one line each, every failure (✗) and warning (⚠) with where,
 * received and expected; then the skipped cases with what each needs, and the totals.
 */
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
      printSkipped(runs, write);
      const total = totals(runs);
      if (total.warnings > 0) write(pc.yellow(`⚠ ${total.warnings} warning${total.warnings === 1 ? "" : "s"}: differences from what the documents only show as an example (they do not fail the run)`));
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
  const { passed, failed, skipped, warnings, durationMs } = run.summary;
  write(`  ${run.api}: ${passed} passed, ${failed} failed, ${skipped} skipped, ${warnings} warnings in ${(durationMs / 1000).toFixed(2)} s`);
  write("");
}

function printCase(result: CaseResult, write: (line: string) => void): void {
  const mark = result.status === "passed" ? pc.green("✓") : result.status === "failed" ? pc.red("✗") : pc.yellow("-");
  write(`    ${mark} ${result.id}  ${pc.dim(result.title)}${result.reason ? ` — ${result.reason}` : ""}`);
  for (const line of caseLines(result, "failures")) write(`        ${pc.red("✗")} ${line}`);
  for (const line of caseLines(result, "warnings")) write(`        ${pc.yellow("⚠")} ${line}`);
}

/** Skipped cases under the summary, with what each needs: a documented one fails the run unless allowed. */
function printSkipped(runs: RunResult[], write: (line: string) => void): void {
  const skipped = runs.flatMap((run) => run.cases.filter((result) => result.status === "skipped").map((result) => ({ run, result })));
  const documented = skipped.filter(({ result }) => result.tags.includes("documented"));
  const derived = skipped.filter(({ result }) => !result.tags.includes("documented"));
  if (documented.length > 0) {
    const allowed = documented.every(({ run }) => run.allowSkippedDocumented);
    write(
      allowed
        ? pc.yellow("Skipped documented examples (accepted with --allow-skipped-documented):")
        : pc.red("Skipped documented examples — not checked, so the run fails (pass what they need, or accept them with --allow-skipped-documented):"),
    );
    for (const { result } of documented) write(`  - ${result.id}: ${result.reason ?? "skipped"}`);
  }
  if (derived.length > 0) {
    write(pc.yellow("Skipped derived cases:"));
    for (const { result } of derived) write(`  - ${result.id}: ${result.reason ?? "skipped"}`);
  }
}
