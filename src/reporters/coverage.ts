import path from "node:path";
import type { RunEvent, RunResult } from "../conformance/types.js";
import type { Reporter } from "./types.js";
import { REPORT_FILES, writeReport } from "./write-report.js";

export const COVERAGE_REPORT_FILE = REPORT_FILES[2];

type Operations = Extract<RunEvent, { type: "run-started" }>["operations"];

/**
 * Operation × documented status → the cases whose answers had that status. Observed, not
 * declared: a status counts as covered when an implementation actually answered it.
 */
export function coverageMatrix(operations: Operations, run: RunResult) {
  return operations.map((operation) => ({
    ...operation,
    cells: operation.statuses.map((status) => {
      const cases = run.cases
        .filter((result) =>
          [...result.setup, ...result.steps].some((step) => step.operationId === operation.operationId && statusMatches(status, step.exchange.response?.status)),
        )
        .map((result) => result.id);
      return { status, cases };
    }),
  }));
}

function statusMatches(documented: string, received: number | undefined): boolean {
  if (received === undefined) return false;
  if (documented === "default") return true;
  if (/^\dXX$/i.test(documented)) return String(received)[0] === documented[0];
  return String(received) === documented;
}

export function coverageReporter(outputDir: string, write: (line: string) => void): Reporter {
  const runs: Array<{ operations: Operations; run: RunResult }> = [];
  let operations: Operations = [];
  return {
    handle(event) {
      if (event.type === "run-started") operations = event.operations;
      if (event.type === "run-finished") runs.push({ operations, run: event.result });
    },
    async finish() {
      const lines = ["# archive-kit coverage", "", "Operation × documented status → the cases whose answer had that status.", ""];
      for (const { operations: ops, run } of runs) {
        const matrix = coverageMatrix(ops, run);
        const uncovered = matrix.flatMap((row) => row.cells.filter((cell) => cell.cases.length === 0).map((cell) => `${row.operationId} ${cell.status}`));
        const cells = matrix.flatMap((row) => row.cells);
        lines.push(`## ${run.api}`, "", `${cells.length - uncovered.length} of ${cells.length} documented statuses covered.`, "");
        lines.push("| operation | status | cases |", "| --- | --- | --- |");
        for (const row of matrix) {
          for (const cell of row.cells) {
            lines.push(`| ${row.operationId} (${row.method} ${row.path}) | ${cell.status} | ${cell.cases.join(", ") || "**uncovered**"} |`);
          }
        }
        lines.push("", `Uncovered: ${uncovered.join(", ") || "none"}`, "");
        write(`coverage ${run.api}: ${cells.length - uncovered.length}/${cells.length} documented statuses covered; uncovered: ${uncovered.join(", ") || "none"}`);
      }
      await writeReport(path.join(outputDir, COVERAGE_REPORT_FILE), `${lines.join("\n")}\n`);
    },
  };
}
