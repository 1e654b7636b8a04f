import path from "node:path";
import type { RunResult } from "../conformance/types.js";
import { totals } from "./totals.js";
import type { Reporter } from "./types.js";
import { REPORT_FILES, writeReport } from "./write-report.js";

/** Bumped when the report's shape changes incompatibly; the shape is conformance/report.schema.json. */
export const REPORT_SCHEMA_VERSION = "1.1";
export const JSON_REPORT_FILE = REPORT_FILES[0];

export function jsonReporter(outputDir: string): Reporter {
  const runs: RunResult[] = [];
  return {
    handle(event) {
      if (event.type === "run-finished") runs.push(event.result);
    },
    async finish() {
      const report = { schemaVersion: REPORT_SCHEMA_VERSION, tool: "archive-kit", generatedAt: new Date().toISOString(), summary: totals(runs), runs };
      await writeReport(path.join(outputDir, JSON_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
    },
  };
}
