import path from "node:path";
import junitReportBuilderModule, { type Builder } from "junit-report-builder";
import type { CaseResult, RunResult } from "../conformance/types.js";
import type { Reporter } from "./types.js";
import { caseLines } from "../conformance/failure-line.js";
import { REPORT_FILES, writeReport } from "./write-report.js";

// CommonJS: Node hands over module.exports, the builder itself.
const junitReportBuilder = junitReportBuilderModule as unknown as Builder;

export const JUNIT_REPORT_FILE = REPORT_FILES[1];

/** One test suite per API, one test case per conformance case (class name: the operation). */
export function junitReporter(outputDir: string): Reporter {
  const runs: RunResult[] = [];
  return {
    handle(event) {
      if (event.type === "run-finished") runs.push(event.result);
    },
    async finish() {
      const builder = junitReportBuilder.newBuilder();
      for (const run of runs) {
        const suite = builder.testSuite().name(`archive-kit ${run.api}`).property("baseUrl", xmlText(run.baseUrl));
        for (const result of run.cases) {
          const testCase = suite.testCase().className(`${run.api}.${result.operation}`).name(xmlText(`${result.id} — ${result.title}`)).time(result.durationMs / 1000);
          // A documented example that was not checked fails the run unless accepted: the report says the same.
          const unchecked = result.status === "skipped" && result.tags.includes("documented") && !run.allowSkippedDocumented;
          if (result.status === "skipped" && !unchecked) testCase.skipped();
          if (unchecked) testCase.failure(xmlText(`documented example not checked: ${result.reason ?? "skipped"}`), "not-checked");
          if (result.status === "failed") testCase.failure(xmlText(failureSummary(result)), "conformance");
          const details = stepLines(result);
          if (details) testCase.standardOutput(xmlText(details));
        }
      }
      await writeReport(path.join(outputDir, JUNIT_REPORT_FILE), builder.build());
    },
  };
}

function failureSummary(result: CaseResult): string {
  return caseLines(result, "failures")[0] ?? result.reason ?? "failed";
}

/** Every failure and warning of a case, one line each (warnings only, for a passed case). */
function stepLines(result: CaseResult): string {
  return [...(result.reason ? [result.reason] : []), ...caseLines(result, "failures"), ...caseLines(result, "warnings").map((line) => `warning: ${line}`)].join("\n");
}

/** Characters XML 1.0 cannot hold (most control characters, lone surrogates) shown as their code instead. */
function xmlText(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
