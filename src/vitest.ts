import { describe, it } from "vitest";
import { contractFile } from "./apis/registry.js";
import { loadCases, selectCases } from "./conformance/cases.js";
import { excludedTags, runConformance, type ConformanceOptions } from "./conformance/run-conformance.js";
import type { CaseResult } from "./conformance/types.js";
import { loadContract } from "./contract/index.js";
import { packageRoot } from "./package-root.js";
import path from "node:path";

/**
 * Registers one vitest test per conformance case of an API, run against your implementation
 * (`baseUrl`) or, without one, the embedded reference. A failed case fails its test with every
 * failure in the message; a case that cannot run here (a missing variable) is skipped.
 */
export function conformanceSuite(options: ConformanceOptions): void {
  describe(`archive-kit conformance: ${options.api}`, async () => {
    const contract = await loadContract(contractFile(options.api));
    const cases = selectCases(loadCases(options.casesDir ?? path.join(packageRoot, "conformance", options.api), contract), {
      tags: options.tags,
      ids: options.ids,
      excludeTags: excludedTags(options),
    });
    for (const testCase of cases) {
      it(`${testCase.id}: ${testCase.title}`, async (context) => {
        const { cases: [result] } = await runConformance({ ...options, ids: [testCase.id], tags: undefined, shard: undefined });
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
