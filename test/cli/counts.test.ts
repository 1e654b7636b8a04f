import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("printed counts", () => {
  it("say one case, not 1 cases", async () => {
    const { code, stdout } = await runCli(["verify", "--api", "intercom", "--case", "intercom/archive-by-id"]);
    expect(stdout).toMatch(/^intercom — 1 case against http:/m);
    expect(stdout).toMatch(/^ {2}intercom: 1 passed, 0 failed, 0 skipped, 0 warnings in /m);
    expect(code).toBe(0);
  });
});
