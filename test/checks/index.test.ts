import { describe, expect, it } from "vitest";
import { CHECKS, createCheckRegistry, selectChecks, semanticCheckNames } from "../../src/checks/index.js";
import { runChecks } from "../../src/conformance/run-step.js";
import { exchange, shipped } from "./helpers.js";

const ORDER = [
  "not-a-server-error",
  "status-code",
  "auth-required",
  "archived-stays-archived",
  "documented-state",
  "unsupported-method",
  "content-type",
  "response-headers",
  "response-schema",
  "error-envelope",
  "documented-values",
];

describe("the check registry", () => {
  it("holds every check once, by name, in the order their failures are reported", () => {
    expect([...CHECKS.keys()]).toEqual(ORDER);
  });

  it("names the checks a step may request: the semantic ones", () => {
    expect(semanticCheckNames(CHECKS)).toEqual(["auth-required", "archived-stays-archived", "documented-state", "unsupported-method"]);
  });

  it("refuses a name registered twice (a plugin cannot shadow a core check)", () => {
    expect(() => createCheckRegistry({ "status-code": CHECKS.get("status-code")! }, { "status-code": CHECKS.get("status-code")! })).toThrow("check status-code is registered twice");
  });
});

describe("selectChecks", () => {
  it.each<[string, { checks?: string[]; excludeChecks?: string[] }, string[]]>([
    ["everything by default", {}, ORDER],
    ["only the named ones, in registry order", { checks: ["response-schema", "status-code"] }, ["status-code", "response-schema"]],
    ["all but the excluded ones", { excludeChecks: ["documented-values", "error-envelope"] }, ORDER.slice(0, -2)],
    ["the named ones minus the excluded ones", { checks: ["status-code", "content-type"], excludeChecks: ["content-type"] }, ["status-code"]],
  ])("%s", (_what, selection, names) => {
    expect([...selectChecks(CHECKS, selection).keys()]).toEqual(names);
  });

  it.each<[{ checks?: string[]; excludeChecks?: string[] }, string]>([
    [{ checks: ["status-code", "be-nice"] }, `checks: unknown check "be-nice" — use one of ${ORDER.join(", ")}`],
    [{ excludeChecks: ["schema"] }, `excludeChecks: unknown check "schema" — use one of ${ORDER.join(", ")}`],
    [{ checks: ["status-code"], excludeChecks: ["status-code"] }, `checks and excludeChecks leave no check to run — select at least one of ${ORDER.join(", ")}`],
  ])("%j is a user error", (selection, message) => {
    expect(() => selectChecks(CHECKS, selection)).toThrow(message);
  });
});

describe("the engine names each failure after the key its check is registered under", () => {
  it("stamps the registry key, whatever the check object", async () => {
    const intercom = await shipped("intercom");
    const context = intercom.context({ exchange: exchange({ status: 503 }) });
    const registry = createCheckRegistry({ "renamed-server-error": CHECKS.get("not-a-server-error")! });
    expect(runChecks(registry, context).failures).toEqual([
      { check: "renamed-server-error", title: "Server error", where: "status", received: "503", expected: "a documented answer, never a 5xx" },
    ]);
  });
});
