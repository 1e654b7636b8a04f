/**
 * Reports survive anything an implementation sends, and never outlive their run: through the CLI,
 * against local servers that answer with pathological bodies.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../src/contract/ajv.js";
import { runCli } from "../helpers/cli.js";
import { sendJson, startRecordingServer } from "../helpers/http.js";

const root = new URL("../../", import.meta.url);
const INTERCOM = { INTERCOM_TOKEN: "test-only-intercom-token" };

async function outputDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "archive-kit-survival-"));
}

/** A server answering every request 200 with `body` as JSON. */
function answering(body: string) {
  return startRecordingServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(body);
  });
}

async function reportOf(dir: string) {
  const report = JSON.parse(await readFile(path.join(dir, "archive-kit-report.json"), "utf8"));
  const schema = JSON.parse(await readFile(new URL("conformance/report.schema.json", root), "utf8"));
  const validate = createAjv({ coerceTypes: false }).compile(schema);
  expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return report;
}

describe("reports survive anything", () => {
  it("a body nested 5,000 levels deep fails the cases and still gets every report written", async () => {
    const server = await answering(`${"[".repeat(5000)}${"]".repeat(5000)}`);
    const output = await outputDir();
    try {
      const { code, stdout, stderr } = await runCli(["verify", "--api", "intercom", "--base-url", server.url, "--reporter", "console", "json", "junit", "--output", output], { env: INTERCOM });
      expect(stderr).toBe("");
      expect(code).toBe(1);
      expect(stdout.trim().split("\n").slice(-3)).toEqual([
        expect.stringMatching(/^0 passed, \d+ failed, \d+ skipped$/),
        `report written: ${path.join(output, "archive-kit-report.json")}`,
        `report written: ${path.join(output, "archive-kit-junit.xml")}`,
      ]);
      const report = await reportOf(output);
      expect(report.summary.failed).toBeGreaterThan(0);
      expect(await readFile(path.join(output, "archive-kit-junit.xml"), "utf8")).toContain("<testsuites");
    } finally {
      await server.close();
    }
  });

  it("a body of 8 MiB of control characters is kept capped, with a marker, and the reports stay small", async () => {
    const server = await answering("\u0001".repeat(8 * 1024 * 1024));
    const output = await outputDir();
    try {
      const { code } = await runCli(["verify", "--api", "intercom", "--base-url", server.url, "--case", "intercom/archive-by-id", "--reporter", "json", "junit", "--output", output], { env: INTERCOM });
      expect(code).toBe(1);
      const report = await reportOf(output);
      const setup = report.runs[0].cases[0].setup[0];
      expect(setup.exchange.response.text).toMatch(/… \[truncated: \d+ of 8388608 bytes not kept\]$/);
      for (const name of ["archive-kit-report.json", "archive-kit-junit.xml"]) expect((await stat(path.join(output, name))).size).toBeLessThan(2 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it("an earlier run's report is replaced by this run's, even when the implementation cannot be reached", async () => {
    const output = await outputDir();
    await writeFile(path.join(output, "archive-kit-report.json"), '{"summary":{"passed":45,"failed":0}}');
    await writeFile(path.join(output, "archive-kit-junit.xml"), "<testsuites/>");
    const { code } = await runCli(["verify", "--api", "intercom", "--base-url", "http://127.0.0.1:9", "--reporter", "json", "junit", "--output", output], { env: INTERCOM });
    expect(code).toBe(2);
    const report = await reportOf(output);
    // The preflight found nothing listening: no case ran, and both reports say so as an error.
    expect(report.summary).toMatchObject({ passed: 0, failed: 0, skipped: 0 });
    expect(await readFile(path.join(output, "archive-kit-junit.xml"), "utf8")).toMatch(/<error message="cannot connect to http:\/\/127\.0\.0\.1:9/);
  });

  it("a run that stops on a usage error leaves no earlier report behind", async () => {
    const output = await outputDir();
    await writeFile(path.join(output, "archive-kit-coverage.md"), "# green");
    const { code } = await runCli(["verify", "--api", "intercom", "--reporter", "coverage", "--output", output, "--hooks", "/nonexistent-hooks.mjs"]);
    expect(code).toBe(2);
    expect(await readdir(output)).toEqual([]);
  });

  it("interrupted mid-run, the output holds no report, whole or partial, and no temporary file", async () => {
    // Past the preflight's read, it never answers.
    const hanging = await startRecordingServer((request, response) => {
      if (request.url === "/users/archive-kit-preflight") sendJson(response, 404, { type: "error.list", errors: [{ code: "not_found", message: "no" }] });
    });
    const output = await outputDir();
    try {
      await writeFile(path.join(output, "archive-kit-report.json"), '{"summary":{"passed":45,"failed":0}}');
      const cli = spawn(process.execPath, [fileURLToPath(new URL("dist/cli/main.js", root)), "verify", "--api", "intercom", "--base-url", hanging.url, "--reporter", "console", "json", "--output", output], {
        env: { ...process.env, ...INTERCOM, NO_COLOR: "1" },
      });
      await new Promise<void>((resolve) => cli.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("cases against") && resolve()));
      cli.kill("SIGINT");
      await new Promise((resolve) => cli.on("exit", resolve));
      expect(await readdir(output)).toEqual([]);
    } finally {
      await hanging.close();
    }
  });
});
