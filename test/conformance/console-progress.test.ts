import { describe, expect, it } from "vitest";
import type { CaseResult, RunResult } from "../../src/conformance/types.js";
import { consoleReporter } from "../../src/reporters/console.js";
import { terminalProgress } from "../../src/reporters/progress.js";

const result = (id: string, operation: string): CaseResult => ({ id, title: id, operation, source: "", tags: [], status: "passed", setup: [], steps: [], durationMs: 1 });
const summary = { passed: 2, failed: 0, skipped: 0, warnings: 0, skippedDocumented: 0, durationMs: 5 };

describe("the console reporter's progress counter", () => {
  it("prints each case as it finishes and keeps a counter in place, cleared before every line", async () => {
    const output: string[] = [];
    const progress = { show: (text: string) => output.push(`progress ${text}`), clear: () => output.push("clear") };
    const reporter = consoleReporter((line) => output.push(line), { progress, reportFiles: ["out/archive-kit-report.json"] });
    const cases = [result("x/a", "opA"), result("x/b", "opA")];
    reporter.handle({ type: "run-started", api: "x", baseUrl: "http://127.0.0.1:1", total: 2, operations: [] });
    for (const item of cases) reporter.handle({ type: "case-finished", result: item });
    const run: RunResult = { api: "x", baseUrl: "http://127.0.0.1:1", reached: true, connected: true, cases, summary, allowSkippedDocumented: false, verdict: "pass" };
    reporter.handle({ type: "run-finished", result: run });
    await reporter.finish();
    expect(output.map((line) => line.replace(/\x1b\[[0-9;]*m/g, ""))).toEqual([
      "clear",
      "x — 2 cases against http://127.0.0.1:1",
      "progress [0/2] x",
      "clear",
      "  opA",
      "clear",
      "    ✓ x/a  x/a",
      "progress [1/2] x — x/a",
      "clear",
      "    ✓ x/b  x/b",
      "progress [2/2] x — x/b",
      "clear",
      "  x: 2 passed, 0 failed, 0 skipped, 0 warnings in 0.01 s",
      "clear",
      "",
      "clear",
      "2 passed, 0 failed, 0 skipped",
      "clear",
      "report written: out/archive-kit-report.json",
    ]);
  });

  it("is drawn in place on a terminal, and absent when the stream is not one", () => {
    const written: string[] = [];
    const stream = { isTTY: true, columns: 20, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    const progress = terminalProgress(stream)!;
    progress.clear();
    progress.show("[1/45] intercom — intercom/archive-by-id");
    progress.clear();
    expect(written).toEqual(["\r\x1b[K[1/45] intercom — …", "\r\x1b[K"]);
    expect(terminalProgress({ isTTY: false } as unknown as NodeJS.WriteStream)).toBeUndefined();
  });
});
