import type { Contract } from "../contract/index.js";
import type { CaseResult, RunEvent, RunResult } from "./types.js";

/** A run's totals from its case results (`verify` and `fuzz` alike). */
export function runSummary(results: readonly CaseResult[], startedAt: number): RunResult["summary"] {
  return {
    passed: results.filter((item) => item.status === "passed").length,
    failed: results.filter((item) => item.status === "failed").length,
    skipped: results.filter((item) => item.status === "skipped").length,
    warnings: results.reduce((sum, item) => sum + [...item.setup, ...item.steps].reduce((count, step) => count + step.warnings.length, 0), 0),
    skippedDocumented: results.filter((item) => item.status === "skipped" && item.tags.includes("documented")).length,
    durationMs: Math.round(performance.now() - startedAt),
  };
}

/** What a run's transport says of the implementation: reached (a run that sent nothing says nothing against it), and connected by TCP. */
export function reachOf(transport: { answered(): number; attempted(): number; connected(): number }): Pick<RunResult, "reached" | "connected"> {
  return { reached: transport.answered() > 0 || transport.attempted() === 0, connected: transport.connected() > 0 };
}

/** Each operation of the contract with the statuses it documents, as a run's start announces them (the coverage reporter's rows). */
export function runOperations(contract: Contract): Extract<RunEvent, { type: "run-started" }>["operations"] {
  return contract.operations.map((operation) => ({ operationId: operation.operationId, method: operation.method.toUpperCase(), path: operation.pathTemplate, statuses: Object.keys(operation.responses) }));
}
