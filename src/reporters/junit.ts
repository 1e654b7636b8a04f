import path from "node:path";
import type { Builder } from "junit-report-builder";
import type { CaseResult } from "../conformance/types.js";
import { caseLines } from "../conformance/failure-line.js";
import { failureDetails } from "./failure-details.js";
import { finishedRunsReporter } from "./finished-runs.js";
import { printable } from "./printable.js";
import type { Reporter } from "./types.js";
import { REPORT_FILES, writeReport } from "./write-report.js";

export const JUNIT_REPORT_FILE = REPORT_FILES[1];

/** One test suite per API, one test case per conformance case (class name: the operation). */
export function junitReporter(outputDir: string): Reporter {
  return finishedRunsReporter(async (runs) => {
    // Loaded only when a JUnit report is asked for: it costs about 70 ms of start-up. CommonJS:
    // Node hands over module.exports, the builder itself.
    const { default: junitReportBuilder } = (await import("junit-report-builder")) as unknown as { default: Builder };
    const builder = junitReportBuilder.newBuilder();
    for (const run of runs) {
      const suite = builder.testSuite().name(`archive-kit ${run.api}`).property("baseUrl", printable(run.baseUrl));
      // A run the preflight stopped judged nothing: an error of the setup, not a failure of the API.
      if (run.error) suite.testCase().className(`${run.api}.preflight`).name("preflight — reachable, speaking HTTP, credentials accepted").error(printable(run.error), "preflight");
      for (const result of run.cases) {
        const testCase = suite.testCase().className(`${run.api}.${result.operation}`).name(printable(`${result.id} — ${result.title}`)).time(result.durationMs / 1000);
        // A documented example that was not checked fails the run unless accepted: the report says the same.
        const unchecked = result.status === "skipped" && result.tags.includes("documented") && !run.allowSkippedDocumented;
        if (result.status === "skipped" && !unchecked) testCase.skipped();
        if (unchecked) testCase.failure(printable(`documented example not checked: ${result.reason ?? "skipped"}`), "not-checked");
        if (result.status === "failed") testCase.failure(printable(failureSummary(result)), "conformance").stacktrace(cdataText(failureBody(result)));
        const details = otherLines(result);
        if (details) testCase.standardOutput(cdataText(details));
      }
    }
    await writeReport(path.join(outputDir, JUNIT_REPORT_FILE), builder.build());
  });
}

/** The failure's message: the case's first failure, and how many more its body holds. */
function failureSummary(result: CaseResult): string {
  const failures = caseLines(result, "failures");
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : "";
  return `${failures[0] ?? result.reason ?? "failed"}${more}`;
}

/** The failure's body: why the case failed, every failing exchange with its step and curl line, and the replay script. */
function failureBody(result: CaseResult): string {
  return [...(result.reason ? [result.reason] : []), ...failureDetails(result, "✗")].join("\n");
}

/** The system-out of a case: why a case that did not fail was skipped, and its warnings. */
function otherLines(result: CaseResult): string {
  return [...(result.reason && result.status !== "failed" ? [result.reason] : []), ...caseLines(result, "warnings").map((line) => `warning: ${line}`)].join("\n");
}

/** Text for a CDATA section: the builder splits only the first `]]>`, so each one's `>` is shown as its code, like the characters XML cannot hold. */
function cdataText(text: string): string {
  return printable(text).replaceAll("]]>", "]]\\u003e");
}
