/**
 * Issue 16, "--record FILE writes every exchange with each check's verdict (NDJSON, and HAR)" and
 * "the summary counts operations, statuses and links covered": through the CLI, against the
 * embedded references and against a proxy whose bug the recording must show failed.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { serverErrorOnLongUserId } from "../../src/testing/zoo/index.js";
import { runCli } from "../helpers/cli.js";
import { withReferenceBehindProxy } from "../helpers/reference-behind-proxy.js";

const TOKEN = "test-only-intercom-token";
const folder = () => mkdtemp(path.join(tmpdir(), "archive-kit-record-"));

describe("fuzz --record", { timeout: 300_000 }, () => {
  it("writes one NDJSON line per exchange, secrets masked, with the verdict of each; a failing one names its check", async () => {
    const file = path.join(await folder(), "run.ndjson");
    await withReferenceBehindProxy("intercom", serverErrorOnLongUserId, async (url) => {
      const result = await runCli(["fuzz", "--api", "intercom", "--base-url", url, "--operation", "archiveUserByQuery", "--seed", "1", "--max-examples", "10", "--record", file], { env: { INTERCOM_TOKEN: TOKEN } });
      expect(result.code).toBe(1);
      const count = Number(/intercom: (\d+) exchanges recorded in /.exec(result.stdout)?.[1]);
      const text = await readFile(file, "utf8");
      const lines = text.trimEnd().split("\n").map((line) => JSON.parse(line));
      expect(lines).toHaveLength(count);
      expect(text).not.toContain(TOKEN);
      expect(lines.every((line) => ["passed", "failed"].includes(line.verdict) && typeof line.property === "string" && line.exchange.request.method)).toBe(true);
      const failed = lines.find((line) => line.verdict === "failed" && line.exchange.response?.status === 500);
      expect(failed.failures.map((failure: { check: string }) => failure.check)).toContain("not-a-server-error");
      expect(failed.property).toMatch(/^intercom\/fuzz-archive-user-by-query-/);
      expect(lines.some((line) => line.verdict === "passed" && line.passed.includes("response-schema"))).toBe(true);
    });
  });

  it("writes HAR 1.2 for a .har name, one file per API with --api all, and prints what was covered", async () => {
    const file = path.join(await folder(), "run.har");
    const result = await runCli(["fuzz", "--seed", "2", "--max-examples", "5", "--record", file]);
    expect(result.code).toBe(0);
    for (const api of ["intercom", "dfns"]) {
      const har = JSON.parse(await readFile(path.join(path.dirname(file), `run.${api}.har`), "utf8"));
      expect(har.log.version).toBe("1.2");
      expect(har.log.creator.name).toBe("archive-kit");
      const [entry] = har.log.entries;
      expect(entry).toMatchObject({ startedDateTime: expect.any(String), time: expect.any(Number), request: { method: expect.any(String), url: expect.any(String), headers: expect.any(Array), queryString: expect.any(Array) }, response: { status: expect.any(Number), content: { text: expect.any(String) } }, timings: expect.any(Object) });
      expect(entry._archiveKit.verdict).toBe("passed");
      expect(result.stdout).toContain(`${api}: ${har.log.entries.length} exchanges recorded in `);
      expect(result.stdout).toMatch(new RegExp(`^${api} covered: (\\d+) of \\1 operations, \\d+ of \\d+ documented statuses, \\d+ of \\d+ links$`, "m"));
    }
  });

  it("refuses a file it cannot write: one line, exit 2", async () => {
    const result = await runCli(["fuzz", "--api", "intercom", "--max-examples", "1", "--record", "/nonexistent-folder/run.ndjson"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^archive-kit: --record \/nonexistent-folder\/run\.ndjson cannot be written: .* — pass a file in a folder that exists\n$/);
  });
});
