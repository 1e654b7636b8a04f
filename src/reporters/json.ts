import path from "node:path";
import { curlLine } from "../conformance/curl.js";
import { failureLine } from "../conformance/failure-line.js";
import { replayScript } from "../conformance/reproduce.js";
import type { CaseResult, RunResult, StepResult } from "../conformance/types.js";
import { finishedRunsReporter } from "./finished-runs.js";
import { totals } from "./totals.js";
import type { Reporter } from "./types.js";
import { REPORT_FILES, writeReport } from "./write-report.js";

/** Its major part bumped when the report's shape changes incompatibly, its minor part when fields are added; the shape is conformance/report.schema.json. */
export const REPORT_SCHEMA_VERSION = "2.1";
export const JSON_REPORT_FILE = REPORT_FILES[0];

export function jsonReporter(outputDir: string): Reporter {
  return finishedRunsReporter(async (runs) => {
    const report = { schemaVersion: REPORT_SCHEMA_VERSION, tool: "archive-kit", generatedAt: new Date().toISOString(), summary: totals(runs), runs: runs.map(reported) };
    await writeReport(path.join(outputDir, JSON_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
  });
}

/**
 * A run as the report keeps it: each failure and warning with its evidence and the line the other
 * reporters print, each step with the curl line that sends its request again, and each failed case
 * with the script that replays it.
 */
function reported(run: RunResult) {
  const step = (item: StepResult) => ({
    ...item,
    curl: curlLine(item.exchange.request),
    failures: item.failures.map((failure) => ({ ...failure, message: failureLine(item, failure) })),
    warnings: item.warnings.map((warning) => ({ ...warning, message: failureLine(item, warning) })),
  });
  const replay = (result: CaseResult) => replayScript(result)?.join("\n");
  return { ...run, cases: run.cases.map((result) => ({ ...result, ...(result.status === "failed" ? { replay: replay(result) } : {}), setup: result.setup.map(step), steps: result.steps.map(step) })) };
}
