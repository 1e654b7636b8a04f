import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startReferenceServer } from "../../src/index.js";
import { sendJson, startRecordingServer } from "../helpers/http.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Runs the vitest example of docs/tutorials/verify-your-implementation.md as a user's suite would run, against `url`. */
function runUserSuite(url: string | undefined, token = "test-only-intercom-token"): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, INTERCOM_URL: url, INTERCOM_TOKEN: token, NO_COLOR: "1" };
  if (url === undefined) delete env.INTERCOM_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/vitest/vitest.mjs", "run", "--root", "examples/vitest"],
      { cwd: root, env },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe("the vitest integration (examples/vitest)", () => {
  it("turns every case into a test that passes against a conforming implementation", async () => {
    const server = await startReferenceServer({ api: "intercom" });
    try {
      const { code, output } = await runUserSuite(server.url);
      expect(code).toBe(0);
      expect(output).toMatch(/Tests\s+19 passed \| 1 skipped \(20\)/);
    } finally {
      await server.close();
    }
  });

  it("fails the tests of the cases a deviating implementation breaks, naming the deviation", async () => {
    const broken = await startRecordingServer((_request, response) => sendJson(response, 500, { oops: true }));
    try {
      const { code, output } = await runUserSuite(broken.url);
      expect(code).toBe(1);
      expect(output).toContain("intercom/archive-without-credentials failed");
      expect(output).toContain("Server error at status");
      // What reproduces it, as verify prints it.
      expect(output).toMatch(/reproduce: curl -sS .* -X DELETE /);
    } finally {
      await broken.close();
    }
  });

  it("fails loudly when the base URL is unset, instead of quietly testing archive-kit's own reference", async () => {
    const { code, output } = await runUserSuite(undefined);
    expect(code).toBe(1);
    expect(output).toContain('conformanceSuite(intercom): no baseUrl — point it at your implementation (is its environment variable set?), or pass target: "reference"');
    expect(output).not.toMatch(/Tests\s+\d+ passed/);
  });

  it("fails every test with the preflight's line when the token is refused, naming the variable, not a case's failure", async () => {
    const server = await startReferenceServer({ api: "intercom" });
    try {
      const { code, output } = await runUserSuite(server.url, "not-the-token");
      expect(code).toBe(1);
      expect(output).toContain("intercom/archive-by-id did not run: intercom: the access token (INTERCOM_TOKEN or --intercom-token) was refused");
      expect(output).not.toMatch(/Tests\s+\d+ passed/);
    } finally {
      await server.close();
    }
  });
});
