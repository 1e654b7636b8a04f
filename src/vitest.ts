import { beforeAll, describe, it } from "vitest";
import { caseLines } from "./conformance/failure-line.js";
import { nothingSelected } from "./conformance/run-conformance.js";
import { neverAnsweredLine, waitForServer, waitedLine } from "./conformance/wait-for-server.js";
import { UserError } from "./errors.js";
import { failureDetails } from "./reporters/failure-details.js";
import { casesToRun, runConformance, type RunConformanceOptions } from "./wiring.js";

export interface ConformanceSuiteOptions extends RunConformanceOptions {
  /** Before the first case, wait up to this many seconds for `baseUrl` to answer with any HTTP status (the CLI's --wait). */
  waitS?: number;
}

/** The hook's own limit beyond the wait: the last attempt and the line it prints. */
const WAIT_HOOK_MARGIN_MS = 30_000;

/**
 * Registers one vitest test per conformance case of an API, run against your implementation
 * (`baseUrl`), or against the embedded one only when asked by name (`target: "reference"` or
 * `"prism"`): an unset variable never quietly tests archive-kit itself. A failed case fails its
 * test with every failure in the message; a documented example that cannot run here fails too,
 * unless `allowSkippedDocumented`; other cases that cannot run are skipped with the reason.
 * Warnings (differences from documented examples) are printed, never failing. With `waitS`, the
 * suite first waits for `baseUrl` to answer; if it never does, every test fails with that one line.
 */
export function conformanceSuite(options: ConformanceSuiteOptions): void {
  if (!options.baseUrl && !options.target) {
    throw new UserError(
      `conformanceSuite(${options.api}): no baseUrl — point it at your implementation (is its environment variable set?), or pass target: "reference" to test the embedded reference`,
    );
  }
  if (options.waitS !== undefined && !options.baseUrl) throw new UserError(`conformanceSuite(${options.api}): waitS waits for baseUrl — drop waitS (the embedded target is ready when it runs)`);
  describe(`archive-kit conformance: ${options.api}`, async () => {
    if (options.waitS !== undefined) beforeAll(() => waitForBaseUrl(options.baseUrl!, options.waitS!), options.waitS * 1000 + WAIT_HOOK_MARGIN_MS);
    const cases = await casesToRun(options);
    if (cases.length === 0) throw new UserError(`conformanceSuite(${options.api}): ${nothingSelected(options)}`);
    for (const testCase of cases) {
      it(`${testCase.id}: ${testCase.title}`, async (context) => {
        // The case is handed over as loaded: the case files are read once, not once per test.
        const run = await runConformance({ ...options, cases: [testCase] });
        // The preflight stopped it: an unreachable server or refused credentials, not the case's failure.
        if (run.error) throw new UserError(`${testCase.id} did not run: ${run.error}`);
        const [result] = run.cases;
        if (!result) throw new Error(`${testCase.id} did not run`);
        const warnings = caseLines(result, "warnings").map((line) => `  ⚠ ${line}`);
        if (warnings.length > 0) console.warn([`${result.id}: warnings (not failures)`, ...warnings].join("\n"));
        if (result.status === "skipped" && result.tags.includes("documented") && !options.allowSkippedDocumented) {
          throw new Error(`${result.id}: documented example not checked: ${result.reason} (or pass allowSkippedDocumented: true)`);
        }
        if (result.status === "skipped") context.skip(result.reason);
        // Every failure with its step and a curl line that sends the request again, as verify prints them.
        if (result.status === "failed") throw new Error([`${result.id} failed${result.reason ? `: ${result.reason}` : ""}`, ...failureDetails(result, "✗").map((line) => `  ${line}`)].join("\n"));
      });
    }
  });
}

async function waitForBaseUrl(baseUrl: string, waitS: number): Promise<void> {
  const outcome = await waitForServer(baseUrl, { timeoutMs: waitS * 1000 });
  if (!outcome.ok) throw new UserError(`conformanceSuite: ${neverAnsweredLine(baseUrl, waitS, outcome, { baseUrl: "baseUrl", wait: "waitS" })}`);
  console.info(`archive-kit: ${waitedLine(baseUrl, outcome)}`);
}
