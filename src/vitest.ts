import { describe, it } from "vitest";
import { caseLines } from "./conformance/failure-line.js";
import { nothingSelected } from "./conformance/run-conformance.js";
import { UserError } from "./errors.js";
import { casesToRun, runConformance, type RunConformanceOptions } from "./wiring.js";

/**
 * Registers one vitest test per conformance case of an API, run against your implementation
 * (`baseUrl`), or against the embedded one only when asked by name (`target: "reference"` or
 * `"prism"`): an unset variable never quietly tests archive-kit itself. A failed case fails its
 * test with every failure in the message; a documented example that cannot run here fails too,
 * unless `allowSkippedDocumented`; other cases that cannot run are skipped with the reason.
 * Warnings (differences from documented examples) are printed, never failing.
 */
export function conformanceSuite(options: RunConformanceOptions): void {
  if (!options.baseUrl && !options.target) {
    throw new UserError(
      `conformanceSuite(${options.api}): no baseUrl — point it at your implementation (is its environment variable set?), or pass target: "reference" to test the embedded reference`,
    );
  }
  describe(`archive-kit conformance: ${options.api}`, async () => {
    const cases = await casesToRun(options);
    if (cases.length === 0) throw new UserError(`conformanceSuite(${options.api}): ${nothingSelected(options)}`);
    for (const testCase of cases) {
      it(`${testCase.id}: ${testCase.title}`, async (context) => {
        // The case is handed over as loaded: the case files are read once, not once per test.
        const { cases: [result] } = await runConformance({ ...options, cases: [testCase] });
        if (!result) throw new Error(`${testCase.id} did not run`);
        const warnings = caseLines(result, "warnings").map((line) => `  ⚠ ${line}`);
        if (warnings.length > 0) console.warn([`${result.id}: warnings (not failures)`, ...warnings].join("\n"));
        if (result.status === "skipped" && result.tags.includes("documented") && !options.allowSkippedDocumented) {
          throw new Error(`${result.id}: documented example not checked: ${result.reason} (or pass allowSkippedDocumented: true)`);
        }
        if (result.status === "skipped") context.skip(result.reason);
        if (result.status === "failed") throw new Error([`${result.id} failed${result.reason ? `: ${result.reason}` : ""}`, ...caseLines(result, "failures").map((line) => `  ${line}`)].join("\n"));
      });
    }
  });
}
