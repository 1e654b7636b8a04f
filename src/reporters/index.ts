import { consoleReporter } from "./console.js";
import { coverageReporter } from "./coverage.js";
import { jsonReporter } from "./json.js";
import { junitReporter } from "./junit.js";
import type { Reporter } from "./types.js";

import type { ReporterName } from "./names.js";

export { REPORTER_NAMES, type ReporterName } from "./names.js";
export type { Reporter } from "./types.js";

/** The requested reporters behind one `handle`/`finish`. */
export function createReporters(names: ReporterName[], options: { outputDir: string; write: (line: string) => void }): Reporter {
  // The console reporter finishes last: its summary line closes the output.
  const ordered = [...new Set(names)].sort((a, b) => Number(a === "console") - Number(b === "console"));
  const reporters = ordered.map((name) => {
    switch (name) {
      case "console":
        return consoleReporter(options.write);
      case "json":
        return jsonReporter(options.outputDir);
      case "junit":
        return junitReporter(options.outputDir);
      case "coverage":
        return coverageReporter(options.outputDir, options.write);
    }
  });
  return {
    handle: (event) => reporters.forEach((reporter) => reporter.handle(event)),
    finish: async () => {
      for (const reporter of reporters) await reporter.finish();
    },
  };
}
