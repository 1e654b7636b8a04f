import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { unusedPort } from "../helpers/ports.js";
import { runCli } from "../helpers/cli.js";
import { startCli } from "../helpers/long-running-cli.js";

const exec = promisify(execFile);


/** Runs the `Try: curl …` line a server printed, as a user would paste it. */
async function runPrintedCurl(banner: string): Promise<{ user_id?: string; type?: string }> {
  const command = /^Try: (curl .*)$/m.exec(banner)?.[1];
  expect(command).toBeDefined();
  const { stdout } = await exec("bash", ["-c", command!]);
  return JSON.parse(stdout) as { user_id?: string; type?: string };
}

describe("archive-kit mock", () => {
  it("intercom starts Prism, prints its URL and a curl that archives the documented user, and stops on Ctrl+C", async () => {
    const port = await unusedPort();
    const cli = await startCli(["mock", "intercom", "--port", String(port)], /Press Ctrl\+C/);
    try {
      expect(cli.banner).toContain(`intercom Prism mock (stateless, openapi/intercom.yaml) listening on http://127.0.0.1:${port}`);
      expect(await runPrintedCurl(cli.banner)).toMatchObject({ type: "user", user_id: "25" });
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it("intercom --stateful prints the test token and a curl that archives once, then the user is gone", async () => {
    const port = await unusedPort();
    const cli = await startCli(["mock", "intercom", "--stateful", "--port", String(port)], /Press Ctrl\+C/);
    try {
      expect(cli.banner).toContain(`listening on http://127.0.0.1:${port}`);
      expect(cli.banner).toContain("TEST-ONLY credentials: token test-only-intercom-token");
      expect(await runPrintedCurl(cli.banner)).toMatchObject({ type: "user", user_id: "25" });
      expect(await runPrintedCurl(cli.banner)).toMatchObject({ type: "error.list" });
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it("dfns --stateful prints the token, the credential id and where the test-only private key lies", async () => {
    const port = await unusedPort();
    const cli = await startCli(["mock", "dfns", "--stateful", "--port", String(port)], /Press Ctrl\+C/);
    try {
      expect(cli.banner).toMatch(/TEST-ONLY credentials: token test-only-dfns-admin-token, credentialId [A-Za-z0-9_-]+, privateKeyFile fixtures\/dfns\/keys\/admin\.p256\.test-only\.pem/);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  // A user may press Ctrl+C the moment the mock says so: the handler must already be there.
  it("stops cleanly (exit 0) on Ctrl+C pressed as soon as it is announced, every time", async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const cli = await startCli(["mock", "dfns", "--stateful", "--port", String(await unusedPort())], /Press Ctrl\+C/);
      expect(await cli.stop(), `attempt ${attempt + 1}`).toBe(0);
    }
  });

  it("a port already in use is one clear line and exit code 2", async () => {
    const port = await unusedPort();
    const cli = await startCli(["mock", "dfns", "--stateful", "--port", String(port)], /Press Ctrl\+C/);
    try {
      for (const args of [["mock", "intercom", "--port", String(port)], ["mock", "intercom", "--stateful", "--port", String(port)]]) {
        const { code, stderr } = await runCli(args);
        expect(code).toBe(2);
        expect(stderr).toBe(`archive-kit: port ${port} on 127.0.0.1 is already in use — pass --port with a free port\n`);
      }
    } finally {
      await cli.stop();
    }
  });

  it.each([
    [["mock", "stripe"], /^archive-kit: command-argument value 'stripe' is invalid for argument 'api' — use one of intercom, dfns\n$/],
    [["mock", "intercom", "--port", "http"], /^archive-kit: option '--port <n>' argument 'http' is invalid — must be a port number from 0 to 65535\n$/],
    [["mock", "intercom", "--fixtures", "x"], /--fixtures and --rate-limit apply to the reference server — add --stateful/],
    [["mock", "dfns", "--stateful", "--fixtures", "/nonexistent"], /fixtures \/nonexistent\/org\.json: no such file — pass --fixtures with a folder holding org\.json/],
  ])("%j is a clear message and exit code 2", async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
