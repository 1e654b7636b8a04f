import type { RunResult } from "../conformance/types.js";

/** Passed, failed and skipped cases over every run (one run per API). */
export function totals(runs: RunResult[]): { passed: number; failed: number; skipped: number } {
  const sum = { passed: 0, failed: 0, skipped: 0 };
  for (const run of runs) for (const key of ["passed", "failed", "skipped"] as const) sum[key] += run.summary[key];
  return sum;
}
