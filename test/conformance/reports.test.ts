import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateXML } from "xmllint-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { createAjv } from "../../src/contract/ajv.js";
import { runCli, type CliResult } from "../helpers/cli.js";

const root = new URL("../../", import.meta.url);

async function validateJunit(xml: string) {
  const schema = await readFile(new URL("test/fixtures/junit.xsd", root), "utf8");
  return validateXML({ xml: [{ fileName: "archive-kit-junit.xml", contents: xml }], schema: [{ fileName: "junit.xsd", contents: schema }] });
}

describe("archive-kit verify with every reporter, against the embedded references", () => {
  let output: string;
  let run: CliResult;
  beforeAll(async () => {
    output = await mkdtemp(path.join(tmpdir(), "archive-kit-reports-"));
    run = await runCli(["verify", "--reporter", "console", "json", "junit", "coverage", "--output", output]);
  });

  it("passes every case and ends with the summary line, then where each report was written", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n").slice(-4)).toEqual([
      expect.stringMatching(/^\d+ passed, 0 failed, 0 skipped$/),
      `report written: ${path.join(output, "archive-kit-report.json")}`,
      `report written: ${path.join(output, "archive-kit-junit.xml")}`,
      `report written: ${path.join(output, "archive-kit-coverage.md")}`,
    ]);
  });

  it("writes a JSON report that validates against its published schema", async () => {
    const report = JSON.parse(await readFile(path.join(output, "archive-kit-report.json"), "utf8"));
    const schema = JSON.parse(await readFile(new URL("conformance/report.schema.json", root), "utf8"));
    const validate = createAjv({ coerceTypes: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.runs.map((item: { api: string }) => item.api)).toEqual(["intercom", "dfns"]);
    const broken = { ...report, summary: { ...report.summary, passed: -1 } };
    expect(validate(broken)).toBe(false);
  });

  it("writes JUnit XML that a JUnit XML schema accepts, one test case per case", async () => {
    const xml = await readFile(path.join(output, "archive-kit-junit.xml"), "utf8");
    const result = await validateJunit(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const report = JSON.parse(await readFile(path.join(output, "archive-kit-report.json"), "utf8"));
    const total = report.summary.passed + report.summary.failed + report.summary.skipped;
    expect(xml.match(/<testcase /g)?.length).toBe(total);
    expect((await validateJunit(xml.replace("<testcase ", '<testcase bogus="1" '))).valid).toBe(false);
  });

  it("writes a coverage matrix of operation × documented status, listing what no case covered", async () => {
    const matrix = await readFile(path.join(output, "archive-kit-coverage.md"), "utf8");
    expect(matrix).toContain("| archiveUserById (DELETE /users/{id}) | 200 | intercom/archive-by-id");
    expect(matrix).toContain("| archiveUser (DELETE /auth/users/{userId}) | 403 |");
    expect(matrix).toMatch(/Uncovered: .*permanentlyDeleteUser 200/);
    expect(run.stdout).toMatch(/coverage intercom: \d+\/\d+ documented statuses covered; uncovered: /);
  });
});
