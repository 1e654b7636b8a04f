import pc from "picocolors";
import type { CaseResult, RunResult } from "../conformance/types.js";
import { caseLines } from "../conformance/failure-line.js";
import { plural } from "../plural.js";
import { failureDetails } from "./failure-details.js";
import type { Progress } from "./progress.js";
import { totals } from "./totals.js";
import type { Reporter } from "./types.js";

export interface ConsoleOptions {
  /** A counter of finished cases kept in place (on a terminal only). */
  progress?: Progress;
  /** The files the other reporters write, named at the end once they are written. */
  reportFiles?: string[];
}

/**
 * Per API, each case as soon as it finishes (in case order), under its operation, every failure
 * (✗) and warning (⚠) with where, received and expected; then the skipped cases with what each
 * needs, the totals, and where each report file was written.
 */
export function consoleReporter(write: (line: string) => void, options: ConsoleOptions = {}): Reporter {
  const runs: RunResult[] = [];
  const { progress } = options;
  // The progress line is cleared before every printed line, and drawn again after.
  const print = (line: string) => {
    progress?.clear();
    write(line);
  };
  let api = "";
  let total = 0;
  let done = 0;
  let operation: string | undefined;
  return {
    handle(event) {
      if (event.type === "run-started") {
        [api, total, done, operation] = [event.api, event.total, 0, undefined];
        print(pc.bold(`${event.api} — ${plural(event.total, "case")} against ${event.baseUrl}`));
        progress?.show(`[0/${total}] ${api}`);
      }
      if (event.type === "case-finished") {
        if (event.result.operation !== operation) print(`  ${pc.cyan((operation = event.result.operation))}`);
        printCase(event.result, print);
        progress?.show(`[${++done}/${total}] ${api} — ${event.result.id}`);
      }
      if (event.type === "run-finished") {
        runs.push(event.result);
        // A run the preflight stopped ran no case: the command says why, in one line, and nothing here may read as a verdict.
        if (event.result.error) return;
        const { passed, failed, skipped, warnings, durationMs } = event.result.summary;
        print(`  ${event.result.api}: ${passed} passed, ${failed} failed, ${skipped} skipped, ${plural(warnings, "warning")} in ${(durationMs / 1000).toFixed(2)} s`);
        print("");
      }
    },
    async finish() {
      if (runs.every((run) => run.error)) return;
      printSkipped(runs, print);
      const total = totals(runs);
      if (total.warnings > 0) print(pc.yellow(`⚠ ${plural(total.warnings, "warning")}: differences from what the documents only show as an example (they do not fail the run)`));
      print(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
      for (const file of options.reportFiles ?? []) print(`report written: ${file}`);
    },
  };
}

/** A case's line, what reproduces its failures (curl lines plain, to be copied as they are), and its warnings. */
function printCase(result: CaseResult, write: (line: string) => void): void {
  const mark = result.status === "passed" ? pc.green("✓") : result.status === "failed" ? pc.red("✗") : pc.yellow("-");
  write(`    ${mark} ${result.id}  ${pc.dim(result.title)}${result.reason ? ` — ${result.reason}` : ""}`);
  for (const line of failureDetails(result, pc.red("✗"))) write(`        ${line}`);
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
