import { describe, it } from "vitest";
import { contractFile } from "./apis/registry.js";
import { runConformance, selectedCases, type ConformanceOptions } from "./conformance/run-conformance.js";
import type { CaseResult } from "./conformance/types.js";
import { loadContract } from "./contract/index.js";

/**
 * Registers one vitest test per conformance case of an API, run against your implementation
 * (`baseUrl`) or, without one, the embedded reference. A failed case fails its test with every
 * failure in the message; a case that cannot run here (a missing variable) is skipped.
 */
export function conformanceSuite(options: ConformanceOptions): void {
  describe(`archive-kit conformance: ${options.api}`, async () => {
    const cases = selectedCases(options, await loadContract(contractFile(options.api)));
    for (const testCase of cases) {
      it(`${testCase.id}: ${testCase.title}`, async (context) => {
        // The case is handed over as loaded: the case files are read once, not once per test.
        const { cases: [result] } = await runConformance({ ...options, cases: [testCase] });
        if (result?.status === "skipped") context.skip(result.reason);
        if (result?.status === "failed") throw new Error(describeFailure(result));
      });
    }
  });
}

function describeFailure(result: CaseResult): string {
  const lines = [`${result.id} failed${result.reason ? `: ${result.reason}` : ""}`];
  for (const step of result.steps) {
    for (const failure of step.failures) {
      lines.push(`  ${step.exchange.request.method} ${step.exchange.request.url}: ${failure.title} at ${failure.where}: ${failure.message}`);
    }
  }
  return lines.join("\n");
}
