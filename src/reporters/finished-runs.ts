import type { RunResult } from "../conformance/types.js";
import type { Reporter } from "./types.js";

/** A reporter that needs only each run's result, and writes once every run is done (the report files). */
export function finishedRunsReporter(write: (runs: RunResult[]) => Promise<void>): Reporter {
  const runs: RunResult[] = [];
  return {
    handle(event) {
      if (event.type === "run-finished") runs.push(event.result);
    },
    finish: () => write(runs),
  };
}
