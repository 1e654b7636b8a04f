import path from "node:path";
import { consoleReporter } from "./console.js";
import { COVERAGE_REPORT_FILE, coverageReporter } from "./coverage.js";
import { HTML_REPORT_FILE, htmlReporter } from "./html.js";
import { JSON_REPORT_FILE, jsonReporter } from "./json.js";
import { JUNIT_REPORT_FILE, junitReporter } from "./junit.js";
import type { Progress } from "./progress.js";
import type { Reporter } from "./types.js";

import type { ReporterName } from "./names.js";

export { REPORTER_NAMES, type ReporterName } from "./names.js";
export type { Reporter } from "./types.js";
export { terminalProgress, type Progress } from "./progress.js";

const FILES: Record<Exclude<ReporterName, "console">, string> = { json: JSON_REPORT_FILE, junit: JUNIT_REPORT_FILE, coverage: COVERAGE_REPORT_FILE, html: HTML_REPORT_FILE };

/** The requested reporters behind one `handle`/`finish`. */
export function createReporters(names: ReporterName[], options: { outputDir: string; write: (line: string) => void; progress?: Progress }): Reporter {
  // The console reporter finishes last: its summary line closes the output.
  const ordered = [...new Set(names)].sort((a, b) => Number(a === "console") - Number(b === "console"));
  const reporters = ordered.map((name) => {
    switch (name) {
      case "console":
        return consoleReporter(options.write, {
          progress: options.progress,
          reportFiles: ordered.flatMap((other) => (other === "console" ? [] : [path.join(options.outputDir, FILES[other])])),
        });
      case "json":
        return jsonReporter(options.outputDir);
      case "junit":
        return junitReporter(options.outputDir);
      case "coverage":
        return coverageReporter(options.outputDir, options.write);
      case "html":
        return htmlReporter(options.outputDir);
    }
  });
  return {
    handle: (event) => reporters.forEach((reporter) => reporter.handle(event)),
    finish: async () => {
      for (const reporter of reporters) await reporter.finish();
    },
  };
}
