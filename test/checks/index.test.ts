import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/checks/index.js";

describe("CHECKS", () => {
  it("lists every check once, in the order their failures are reported", () => {
    expect(CHECKS.map((check) => check.name)).toEqual([
      "not-a-server-error",
      "status-code",
      "auth-required",
      "user-action-required",
      "permission-enforced",
      "archived-stays-archived",
      "unsupported-method",
      "content-type",
      "response-headers",
      "response-schema",
      "error-envelope",
      "documented-values",
    ]);
  });
});
