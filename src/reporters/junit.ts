import path from "node:path";
import junitReportBuilderModule, { type Builder } from "junit-report-builder";
import type { CaseResult, RunResult } from "../conformance/types.js";
import type { Reporter } from "./types.js";

// CommonJS: Node hands over module.exports, the builder itself.
const junitReportBuilder = junitReportBuilderModule as unknown as Builder;

export const JUNIT_REPORT_FILE = "archive-kit-junit.xml";

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
        const suite = builder.testSuite().name(`archive-kit ${run.api}`).property("baseUrl", run.baseUrl);
        for (const result of run.cases) {
          const testCase = suite.testCase().className(`${run.api}.${result.operation}`).name(`${result.id} — ${result.title}`).time(result.durationMs / 1000);
          if (result.status === "skipped") testCase.skipped();
          if (result.status === "failed") testCase.failure(failureSummary(result), "conformance");
          if (result.status === "failed") testCase.standardOutput(failureDetails(result));
        }
      }
      builder.writeTo(path.join(outputDir, JUNIT_REPORT_FILE));
    },
  };
}

function failureSummary(result: CaseResult): string {
  const first = result.steps.flatMap((step) => step.failures)[0];
  return first ? `${first.title} at ${first.where}: ${first.message}` : (result.reason ?? "failed");
}

function failureDetails(result: CaseResult): string {
  const lines = result.reason ? [result.reason] : [];
  for (const step of result.steps) {
    for (const failure of step.failures) {
      lines.push(`${step.exchange.request.method} ${step.exchange.request.url}: ${failure.title} at ${failure.where}: ${failure.message}`);
    }
  }
  return lines.join("\n");
}
