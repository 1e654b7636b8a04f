import { describe, expect, it } from "vitest";
import { runConformance } from "../../src/index.js";
import type { RunResult } from "../../src/conformance/types.js";
import { runCli } from "../helpers/cli.js";

const stepsOf = (result: RunResult) => result.cases.flatMap((item) => [...item.setup, ...item.steps]);
const ranChecks = (result: RunResult) => new Set(stepsOf(result).flatMap((step) => [...step.passed, ...step.failures.map((failure) => failure.check)]));

describe("checks by name", () => {
  it("checks: only the named checks run", async () => {
    const result = await runConformance({ api: "intercom", target: "reference", checks: ["status-code", "response-schema"] });
    expect(result.verdict).toBe("pass");
    expect([...ranChecks(result)].sort()).toEqual(["response-schema", "status-code"]);
  });

  it("excludeChecks: every check but the excluded ones", async () => {
    const result = await runConformance({ api: "intercom", target: "reference", excludeChecks: ["documented-values", "auth-required"] });
    expect(result.verdict).toBe("pass");
    const ran = ranChecks(result);
    expect(ran.has("documented-values") || ran.has("auth-required")).toBe(false);
    expect(ran.has("status-code") && ran.has("response-schema") && ran.has("content-type")).toBe(true);
  });

  it("a step's requested semantic check owns its status when selected; excluded, status-code judges it", async () => {
    const ids = ["intercom/archive-without-credentials"];
    const owned = await runConformance({ api: "intercom", target: "reference", ids, checks: ["status-code", "auth-required"] });
    expect(owned.cases[0]!.steps[0]!.passed).toEqual(["auth-required"]);
    const handedOver = await runConformance({ api: "intercom", target: "reference", ids, checks: ["status-code"] });
    expect(handedOver.cases[0]!.steps[0]!.passed).toEqual(["status-code"]);
  });

  it.each([
    [["--checks", "status-code,be-nice"], /^archive-kit: --checks: unknown check "be-nice" — use one of not-a-server-error, status-code, .*documented-values\n$/],
    [["--exclude-checks", "schema"], /^archive-kit: --exclude-checks: unknown check "schema" — use one of not-a-server-error, /],
    [["--checks", "status-code", "--exclude-checks", "status-code"], /^archive-kit: --checks and --exclude-checks leave no check to run — select at least one of /],
  ])("verify %j is a one-line usage error, exit 2", async (flags, message) => {
    const { code, stdout, stderr } = await runCli(["verify", "--api", "intercom", ...flags]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("verify --checks status-code,response-schema runs only those", async () => {
    const { code, stdout } = await runCli(["verify", "--api", "intercom", "--case", "intercom/archive-by-*", "--checks", "status-code,response-schema"]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n").at(-1)).toBe("4 passed, 0 failed, 0 skipped");
  });
});
