/**
 * archive-kit/testing, as a plugin author uses it: the CLI run with the plugin loaded, and a
 * mutating proxy that breaks the toy reference's answer, so the plugin's cases are proven able to fail.
 */
import { fileURLToPath } from "node:url";
import { startReferenceServer } from "archive-kit";
import { jsonOf, runCli, startMutatingProxy, withJson } from "archive-kit/testing";
import { describe, expect, it } from "vitest";
import toy from "./plugin.mjs";

const PLUGIN = fileURLToPath(new URL("./plugin.mjs", import.meta.url));

describe("archive-kit/testing", () => {
  it("runs the CLI with a plugin, and a mutating proxy makes its verify fail", async () => {
    expect((await runCli(["--plugin", PLUGIN, "validate", "--api", "toy"])).code).toBe(0);
    const reference = await startReferenceServer({ api: "toy", plugins: [toy] });
    // A deactivation that answers the user still active.
    const broken = await startMutatingProxy(reference.url, async (request, forward) => {
      const response = await forward(request);
      return request.url.endsWith("/deactivate") && response.status === 200 ? withJson(response, { ...jsonOf(response), active: true }) : response;
    });
    try {
      const args = ["--plugin", PLUGIN, "verify", "--api", "toy", "--toy-token", "test-only-toy-token"];
      expect((await runCli([...args, "--base-url", reference.url])).code).toBe(0);
      const failing = await runCli([...args, "--base-url", broken.url]);
      expect(failing.stdout).toMatch(/✗ toy\/deactivate-user/);
      expect(failing.code).toBe(1);
    } finally {
      await broken.close();
      await reference.close();
    }
  });
});
