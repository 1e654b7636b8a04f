import path from "node:path";
import { finishedRunsReporter } from "./finished-runs.js";
import { htmlPage } from "./html-page.js";
import type { Reporter } from "./types.js";
import { REPORT_FILES, writeReport } from "./write-report.js";

export const HTML_REPORT_FILE = REPORT_FILES[3];

/**
 * One self-contained page of every run and case: its style and script inline, nothing loaded from
 * anywhere, so it opens from a CI artifact as it is. Filterable by verdict, operation and check.
 */
export function htmlReporter(outputDir: string): Reporter {
  return finishedRunsReporter((runs) => writeReport(path.join(outputDir, HTML_REPORT_FILE), htmlPage(runs, new Date())));
}
