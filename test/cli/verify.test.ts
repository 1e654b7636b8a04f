import { describe, expect, it } from "vitest";
import { startReferenceServer } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";

describe("archive-kit verify", () => {
  it("verifies a running implementation given by --base-url with credentials from the environment", async () => {
    const server = await startReferenceServer({ api: "intercom" });
    try {
      const { code, stdout } = await runCli(["verify", "--api", "intercom", "--base-url", server.url], { env: { INTERCOM_TOKEN: "test-only-intercom-token" } });
      expect(code).toBe(0);
      expect(stdout).toContain(`intercom — 20 cases against ${server.url}`);
      expect(stdout).toMatch(/- intercom\/archive-shared-email .*needs the variable sharedEmail \(pass it with --vars\)/);
      expect(stdout.trim().split("\n").at(-1)).toBe("19 passed, 0 failed, 1 skipped");
    } finally {
      await server.close();
    }
  });

  it.each([
    [["--tag", "documented"], /^8 passed, 0 failed, 0 skipped$/],
    [["--case", "intercom/archive-by-*"], /^4 passed, 0 failed, 0 skipped$/],
    [["--shard", "1/2"], /^10 passed, 0 failed, 0 skipped$/],
    [["--shard", "2/2"], /^10 passed, 0 failed, 0 skipped$/],
  ])("filters with %j", async (flags, summary) => {
    const { code, stdout } = await runCli(["verify", "--api", "intercom", ...flags]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n").at(-1)).toMatch(summary);
  });

  it("never prints the tokens it was given", async () => {
    const server = await startReferenceServer({ api: "intercom" });
    try {
      const { code, stdout, stderr } = await runCli(["verify", "--api", "intercom", "--base-url", server.url, "--intercom-token", "s3cr3t-token-value"]);
      // The reference refuses it in the preflight: said in one line, which names the flag, not the value.
      expect(code).toBe(2);
      expect(stderr).toMatch(/the access token \(INTERCOM_TOKEN or --intercom-token\) was refused/);
      expect(stdout + stderr).not.toContain("s3cr3t-token-value");
    } finally {
      await server.close();
    }
  });

  it.each([
    [["verify", "--api", "intercom", "--base-url", "http://203.0.113.7:8080"], /is not on this machine and the cases archive users — add --allow-remote/],
    [["verify", "--base-url", "http://127.0.0.1:9"], /--base-url verifies one API — add --api intercom or --api dfns/],
    [["verify", "--api", "intercom", "--base-url", "not a url"], /--base-url is not a URL — pass one like/],
    [["verify", "--api", "intercom", "--base-url", "http://me:pa55word-in-url@127.0.0.1:9"], /--base-url carries credentials \(user:password@\) — drop them/],
    [["verify", "--api", "intercom", "--case", "intercom/no-such-case"], /no case matches --case intercom\/no-such-case — check the ids and tags/],
    [["verify", "--tag", "no-such-tag"], /no case matches --tag no-such-tag/],
    [["verify", "--api", "intercom", "--base-url", "http://127.0.0.1:9"], /no access token — set INTERCOM_TOKEN or pass --intercom-token/],
    [["verify", "--api", "dfns", "--base-url", "http://127.0.0.1:9"], /no auth token — set DFNS_TOKEN or pass --dfns-token/],
    [["verify", "--shard", "3/2"], /^archive-kit: option '--shard <i\/n>' argument '3\/2' is invalid — must be i\/n with 1 ≤ i ≤ n, like 2\/4\n$/],
    [["verify", "--reporter", "xml"], /^archive-kit: option '--reporter <name\.\.\.>' argument 'xml' is invalid — use one of console, json, junit, coverage, html\n$/],
    [["verify", "--vars", "/nonexistent.yaml"], /--vars \/nonexistent\.yaml: no such file/],
    [["verify", "--cases", "/nonexistent"], /cases \/nonexistent: no such folder — pass --cases with a folder of case files/],
    [["verify", "--api", "intercom", "--base-url", "http://127.0.0.1:9", "--intercom-token", "t"], /cannot connect to http:\/\/127\.0\.0\.1:9 — start the implementation or fix --base-url/],
  ])("%j is a clear message and exit code 2", async (args, message) => {
    const { code, stderr } = await runCli(args, { env: { INTERCOM_TOKEN: "", DFNS_TOKEN: "" } });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain("pa55word");
  });
});
