import { describe, expect, it } from "vitest";
import { startReferenceServer } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";

/** The verify tutorial's walk-through (docs/tutorials/verify-your-implementation.md), with a reference server standing in for "your implementation". */
describe("verify against a running implementation with examples/vars.yaml", () => {
  it.each([
    ["intercom", { INTERCOM_TOKEN: "test-only-intercom-token" }, "20 passed, 0 failed, 0 skipped"],
    ["dfns", { DFNS_TOKEN: "test-only-dfns-admin-token", DFNS_CREDENTIAL_ID: "Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag" }, "27 passed, 0 failed, 0 skipped"],
  ] as const)("%s: every case runs and passes", async (api, env, summary) => {
    const server = await startReferenceServer({ api });
    try {
      const args = ["verify", "--api", api, "--base-url", server.url, "--vars", "examples/vars.yaml"];
      if (api === "dfns") args.push("--dfns-private-key", "fixtures/dfns/keys/admin.p256.test-only.pem", "--dfns-app-id", "ap-38o5u-nsa4s-8a4ne8dcjhu2fpvt");
      const { code, stdout } = await runCli(args, { env });
      expect(stdout.trim().split("\n").at(-1)).toBe(summary);
      expect(code).toBe(0);
    } finally {
      await server.close();
    }
  });
});
