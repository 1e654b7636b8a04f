import { consoleReporter } from "./console.js";
import { coverageReporter } from "./coverage.js";
import { jsonReporter } from "./json.js";
import { junitReporter } from "./junit.js";
import type { Reporter } from "./types.js";

export const REPORTER_NAMES = ["console", "json", "junit", "coverage"] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];
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
