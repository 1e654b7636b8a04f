import { execFile } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startReferenceServer } from "../../src/wiring.js";
import { runCli } from "../helpers/cli.js";
import { startMutatingProxy } from "../../src/testing/mutating-proxy.js";
import { serverErrorOnLongUserId } from "../../src/testing/zoo/index.js";

const TOKEN = "test-only-intercom-token";

function sh(command: string): Promise<string> {
  return new Promise((resolve, reject) => execFile("sh", ["-c", command], (error, stdout) => (error ? reject(error) : resolve(stdout))));
}

describe("archive-kit fuzz", () => {
  it.each([
    ["intercom", "archiveUserByQuery"],
    ["dfns", "getUser"],
  ])("passes the embedded %s reference for %s (2 seeds × 30 examples)", async (api, operation) => {
    for (const seed of ["1", "2"]) {
      const { code, stdout } = await runCli(["fuzz", "--api", api, "--operation", operation, "--seed", seed, "--max-examples", "30"]);
      expect(stdout).toContain(`fuzz seed ${seed} (repeat this run with --seed ${seed})`);
      expect(stdout.trim().split("\n").at(-1)).toMatch(/^\d+ passed, 0 failed, 0 skipped$/);
      expect(code).toBe(0);
    }
  });

  it("exits 1 on a deviating server with a curl line that reproduces the failure, and saves it as a case verify replays", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-fuzz-cli-"));
    const reference = await startReferenceServer({ api: "intercom" });
    const proxy = await startMutatingProxy(reference.url, serverErrorOnLongUserId);
    try {
      const args = ["fuzz", "--api", "intercom", "--base-url", proxy.url, "--operation", "archiveUserByQuery", "--seed", "3", "--max-examples", "30", "--save-failures", dir];
      const { code, stdout } = await runCli(args, { env: { INTERCOM_TOKEN: TOKEN } });
      expect(code).toBe(1);
      expect(stdout).not.toContain(TOKEN);
      expect(stdout).toMatch(/✗ intercom\/fuzz-archive-user-by-query-negative-length .*violates length at query\/user_id/);
      expect(stdout).toMatch(/✗ Server error at status \(DELETE \/users\?user_id=[^)]*\): Received: 500/);
      // The coverage phase finds it first (a user_id one character over maxLength); the negative property's shrunk request is the smallest.
      expect(stdout).toMatch(/✗ intercom\/fuzz-archive-user-by-query-coverage .*violates length at query\/user_id: user_id 256 characters \(maxLength 255\)/);
      const curl = /✗ intercom\/fuzz-archive-user-by-query-negative-length .*reproduce: (curl .*)$/m.exec(stdout)![1]!;
      // Shrunk to what the failure needs: user_id alone, 256 times one character, and no optional header.
      expect(curl).toContain(`/users?user_id=${"a".repeat(256)}'`);
      expect(curl).not.toContain("Intercom-Version");
      expect(await sh(`${curl.replace("Bearer ***", `Bearer ${TOKEN}`)} -o /dev/null -w '%{http_code}'`)).toBe("500");
      expect(stdout).toContain(`2 failures saved in ${dir} — replay: archive-kit verify --api intercom --cases ${dir} --base-url ${proxy.url}`);
      expect((await readdir(dir)).sort()).toEqual(["fuzz-archive-user-by-query-coverage-seed-3.yaml", "fuzz-archive-user-by-query-negative-length-seed-3.yaml"]);

      const onDeviating = await runCli(["verify", "--api", "intercom", "--cases", dir, "--base-url", proxy.url], { env: { INTERCOM_TOKEN: TOKEN } });
      expect(onDeviating.stdout).toMatch(/✗ Server error at status \(DELETE \/users\?user_id=[^)]*\): Received: 500/);
      expect(onDeviating.code).toBe(1);
    } finally {
      await proxy.close();
      await reference.close();
    }
    const onReference = await runCli(["verify", "--api", "intercom", "--cases", dir]);
    expect(onReference.stdout.trim().split("\n").at(-1)).toBe("2 passed, 0 failed, 0 skipped");
    expect(onReference.code).toBe(0);
  });

  it.each([
    [["fuzz", "--max-examples", "0"], /^archive-kit: option '--max-examples <n>' argument '0' is invalid — must be a whole number of 1 or more\n$/],
    [["fuzz", "--operation", "archiveUserByQuery"], /^archive-kit: --operation names operations of one API — add --api intercom or --api dfns\n$/],
    [["fuzz", "--api", "intercom", "--operation", "noSuchOperation"], /^archive-kit: operation noSuchOperation is not in intercom's contract — use one of /],
    [["fuzz", "--api", "intercom", "--operation", "permanentlyDeleteUser"], /^archive-kit: operation permanentlyDeleteUser deletes users for good — add --include-permanent-delete to fuzz it\n$/],
    [["fuzz", "--api", "intercom", "--base-url", "http://203.0.113.7:8080"], /is not on this machine .* — add --allow-remote/],
    [["fuzz", "--base-url", "http://127.0.0.1:9"], /^archive-kit: --base-url fuzzes one API — add --api intercom or --api dfns\n$/],
    [["fuzz", "--api", "intercom", "--base-url", "http://127.0.0.1:9"], /no access token — set INTERCOM_TOKEN or pass --intercom-token/],
    [["fuzz", "--api", "intercom", "--base-url", "http://127.0.0.1:9", "--intercom-token", "t", "--operation", "viewUserById", "--max-examples", "1"], /cannot connect to http:\/\/127\.0\.0\.1:9 — start the implementation or fix --base-url/],
    [["fuzz", "--reporter", "coverage"], /^archive-kit: option '--reporter <name\.\.\.>' argument 'coverage' is invalid — use one of console, json, junit, html\n$/],
  ])("%j is one line and exit code 2", async (args, message) => {
    const { code, stderr } = await runCli(args, { env: { INTERCOM_TOKEN: "", DFNS_TOKEN: "" } });
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });
});
