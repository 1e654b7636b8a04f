import type { RunResult, RunSummary } from "../conformance/types.js";

type Totals = Omit<RunSummary, "durationMs">;

/** Passed, failed, skipped cases and warnings over every run (one run per API). */
export function totals(runs: RunResult[]): Totals {
  const sum: Totals = { passed: 0, failed: 0, skipped: 0, warnings: 0, skippedDocumented: 0 };
  for (const run of runs) for (const key of Object.keys(sum) as Array<keyof Totals>) sum[key] += run.summary[key];
  return sum;
}
