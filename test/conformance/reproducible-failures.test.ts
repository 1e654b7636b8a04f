/**
 * A verify failure can be reproduced from what the reports show: each failing exchange prints its
 * method and whole target, its step and a curl line which, run with real curl once the token is put
 * back, gets the failing answer again; a case that sent more than one request prints them all as
 * one script; the deliberately invalid token is shown as sent, so its line sends it again; JUnit
 * and the JSON report carry the same.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateXML } from "xmllint-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAjv } from "../../src/contract/ajv.js";
import { startReferenceServer, type ReferenceServer } from "../../src/index.js";
import { runCli, type CliResult } from "../helpers/cli.js";
import { startMutatingProxy, type MutatingProxy } from "../../src/testing/mutating-proxy.js";

const TOKEN = "test-only-intercom-token";
const root = new URL("../../", import.meta.url);

function sh(script: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile("sh", ["-c", script], (error, stdout) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }));
  });
}

/** The lines indented under the console line that starts with `heading`, unindented. */
function blockAfter(stdout: string, heading: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => line.trim().startsWith(heading));
  expect(start, `no line starts with ${heading}`).toBeGreaterThanOrEqual(0);
  const indent = /^ */.exec(lines[start]!)![0].length;
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^ */.exec(line)![0].length <= indent) break;
    block.push(line.trim());
  }
  return block;
}

interface ReportedStep {
  title: string;
  curl: string;
  exchange: { request: { target: string }; response?: { status: number; text: string } };
  failures: Array<{ message: string }>;
}
interface ReportedCase {
  id: string;
  status: string;
  replay?: string;
  setup: ReportedStep[];
  steps: ReportedStep[];
}

/**
 * In front of the reference: an archive by e-mail carrying the real token answers 500 with the
 * request's target in its body (so that only the very request gets the very answer); the invalid
 * token is taken as the real one (so the archive it should be refused succeeds). Every
 * Authorization the proxy gets is kept.
 */
let reference: ReferenceServer;
let proxy: MutatingProxy;
const authorizations: Array<{ url: string; authorization?: string }> = [];
let run: CliResult;
let report: { runs: Array<{ cases: ReportedCase[] }> };
let reportText: string;
let junit: string;
beforeAll(async () => {
  reference = await startReferenceServer({ api: "intercom" });
  proxy = await startMutatingProxy(reference.url, async (request, forward) => {
    authorizations.push({ url: request.url, authorization: request.headers.authorization });
    if (request.method === "DELETE" && request.url.includes("email=") && request.headers.authorization === `Bearer ${TOKEN}`) {
      return { status: 500, headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "error.list", errors: [{ code: "server_error", message: `refused ${request.url}` }] }) };
    }
    const authorization = request.headers.authorization === "Bearer archive-kit-invalid-token" ? `Bearer ${TOKEN}` : request.headers.authorization;
    return forward({ ...request, headers: { ...request.headers, ...(authorization ? { authorization } : {}) } });
  });
  const output = await mkdtemp(path.join(tmpdir(), "archive-kit-reproducible-"));
  run = await runCli(
    ["verify", "--api", "intercom", "--base-url", proxy.url, "--case", "intercom/archive-by-email", "intercom/archive-by-user-id", "intercom/archive-with-invalid-token", "--reporter", "console", "json", "junit", "--output", output],
    { env: { INTERCOM_TOKEN: TOKEN } },
  );
  reportText = await readFile(path.join(output, "archive-kit-report.json"), "utf8");
  report = JSON.parse(reportText);
  junit = await readFile(path.join(output, "archive-kit-junit.xml"), "utf8");
});
afterAll(async () => {
  await proxy?.close();
  await reference?.close();
});

const caseOf = (id: string) => report.runs[0]!.cases.find((result) => result.id === id)!;
const failingStep = (id: string) => [...caseOf(id).setup, ...caseOf(id).steps].find((step) => step.failures.length > 0)!;
/** The console's lines for one case: from its ✓/✗ line to the next case's. */
const consoleOf = (id: string) => {
  const lines = run.stdout.split("\n");
  const start = lines.findIndex((line) => line.includes(` ${id}  `));
  const end = lines.findIndex((line, index) => index > start && /^ {4}[✓✗-] /.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
};

describe("verify failures anyone can reproduce", () => {
  it("prints the failing request with its query string, its step and a curl line; the by-user_id case passes", () => {
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/✓ intercom\/archive-by-user-id /);
    const printed = consoleOf("intercom/archive-by-email");
    expect(printed).toMatch(/✗ Server error at status \(DELETE \/users\?email=ak-[0-9a-f]+-by-email%40example\.com\): Received: 500/);
    expect(printed).toContain("\n          step: Archive a user by email (documented example)\n          reproduce: curl ");
  });

  it("the curl line, run with real curl once the token is put back, gets the failing answer again; as shown, it does not", async () => {
    const curl = /reproduce: (curl .*)$/m.exec(consoleOf("intercom/archive-by-email"))![1]!;
    expect(curl).toContain("'Authorization: Bearer ***'");
    expect(curl).not.toContain(TOKEN);
    const failed = failingStep("intercom/archive-by-email").exchange.response!;
    const replayed = await sh(`${curl.replaceAll("***", TOKEN)} -w '\\n%{http_code}'`);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toBe(`${failed.text}\n500`);
    expect(failed.status).toBe(500);
    const masked = await sh(`${curl} -w '\\n%{http_code}'`);
    expect(masked.stdout).toMatch(/\n401$/);
  });

  it("a case that sent several requests prints them in order as one script, which replays it", async () => {
    const script = blockAfter(consoleOf("intercom/archive-by-email"), "replay, in the order sent (*** stands for a secret: put yours back):");
    const comments = script.filter((line) => line.startsWith("#"));
    expect(comments[0]).toBe(`# 1/${comments.length} setup: POST /users`);
    expect(comments.at(-1)).toBe(`# ${comments.length}/${comments.length} Archive a user by email (documented example) — failed`);
    expect(script.filter((line) => line.startsWith("curl "))).toHaveLength(comments.length);
    expect(caseOf("intercom/archive-by-email").replay).toBe(script.join("\n"));
    const replayed = await sh(script.join("\n").replaceAll("***", TOKEN));
    expect(replayed.code).toBe(0);
    expect(replayed.stdout.endsWith(failingStep("intercom/archive-by-email").exchange.response!.text)).toBe(true);
  });

  it("the invalid token is shown as sent, so its curl line sends the failing request itself, not a valid archive", async () => {
    const printed = consoleOf("intercom/archive-with-invalid-token");
    const curl = /reproduce: (curl .*Bearer archive-kit-invalid-token.*)$/m.exec(printed)![1]!;
    expect(curl).not.toContain("***");
    const target = failingStep("intercom/archive-with-invalid-token").exchange.request.target;
    const before = authorizations.length;
    await sh(curl);
    expect(authorizations.slice(before)).toEqual([{ url: target, authorization: "Bearer archive-kit-invalid-token" }]);
    // The run's real token, sent by the same case's other requests, stays masked.
    expect(printed).toContain("'Authorization: Bearer ***'");
    expect(run.stdout).not.toContain(TOKEN);
  });

  it("JUnit holds every failure of a case in its <failure> body, with each step and curl line", async () => {
    const schema = await readFile(new URL("test/fixtures/junit.xsd", root), "utf8");
    const validation = await validateXML({ xml: [{ fileName: "archive-kit-junit.xml", contents: junit }], schema: [{ fileName: "junit.xsd", contents: schema }] });
    expect(validation.errors).toEqual([]);
    for (const id of ["intercom/archive-by-email", "intercom/archive-with-invalid-token"]) {
      const testCase = junit.slice(junit.indexOf(`name="${id} `), junit.indexOf("</testcase>", junit.indexOf(`name="${id} `)));
      const body = /type="conformance"><!\[CDATA\[([\s\S]*?)\]\]><\/failure>/.exec(testCase)![1]!;
      const steps = [...caseOf(id).setup, ...caseOf(id).steps].filter((step) => step.failures.length > 0);
      expect(steps.flatMap((step) => step.failures).length).toBeGreaterThan(1);
      for (const step of steps) {
        for (const failure of step.failures) expect(body).toContain(`✗ ${failure.message}`);
        expect(body).toContain(`step: ${step.title}`);
        expect(body).toContain(`reproduce: ${step.curl}`);
      }
    }
  });

  it("a Dfns case's script puts each user action's signing right before the request it signs", async () => {
    const dfns = await startReferenceServer({ api: "dfns" });
    const failing = await startMutatingProxy(dfns.url, async (request, forward) =>
      request.method === "DELETE" ? { status: 500, headers: { "content-type": "application/json" }, body: '{"error":{"message":"boom"}}' } : forward(request),
    );
    try {
      const { stdout } = await runCli(
        ["verify", "--api", "dfns", "--base-url", failing.url, "--dfns-private-key", "fixtures/dfns/keys/admin.p256.test-only.pem", "--vars", "examples/vars.yaml", "--case", "dfns/archive-twice"],
        { env: { DFNS_TOKEN: "test-only-dfns-admin-token", DFNS_CREDENTIAL_ID: "Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag" } },
      );
      const comments = blockAfter(stdout, "replay, in the order sent").filter((line) => line.startsWith("#")).map((line) => line.replace(/^# \d+\/\d+ /, ""));
      expect(comments.slice(-6)).toEqual([
        "setup: POST /auth/action/init",
        "setup: POST /auth/action",
        "A second archive of the same user is refused — failed",
        "setup: POST /auth/action/init",
        "setup: POST /auth/action",
        "Archive again — failed",
      ]);
    } finally {
      await failing.close();
      await dfns.close();
    }
  });

  it("the JSON report carries each step's curl line and each failed case's script, and validates against its schema", async () => {
    const schema = JSON.parse(await readFile(new URL("conformance/report.schema.json", root), "utf8"));
    const validate = createAjv({ coerceTypes: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const step = failingStep("intercom/archive-by-email");
    expect(step.failures[0]!.message).toContain(`(DELETE ${step.exchange.request.target})`);
    expect(step.exchange.request.target).toMatch(/^\/users\?email=/);
    expect(consoleOf("intercom/archive-by-email")).toContain(`reproduce: ${step.curl}`);
    expect(caseOf("intercom/archive-by-user-id").replay).toBeUndefined();
    expect(reportText).not.toContain(TOKEN);
    const { curl: _curl, ...withoutCurl } = step;
    expect(validate({ ...report, runs: [{ ...report.runs[0], cases: [{ ...caseOf("intercom/archive-by-email"), steps: [withoutCurl] }] }] })).toBe(false);
  });
});
