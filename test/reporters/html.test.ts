/**
 * `--reporter html` through the CLI: one self-contained page that loads nothing from anywhere,
 * holds the failing case with its curl line, keeps what a hostile server sent as text, and masks
 * the token; for verify against a failing and the passing reference, and for fuzz.
 */
import { mkdtemp, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { failingReport, HOSTILE, TOKEN, type FailingReport } from "../helpers/html-report.js";

const HTML_FILE = "archive-kit-report.html";

/** Text as it stands in the page's markup: the five characters HTML escapes. */
function asMarkup(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

function outputDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "archive-kit-html-"));
}

/** Whether a page references anything outside itself: a script, style, image, frame or font by URL. */
function externalReferences(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\/[^"'\s>]*|<link\b[^>]*>|@import\b|url\(/gi)].map((match) => match[0]);
}

describe("the HTML report of a failing run", () => {
  let report: FailingReport;
  beforeAll(async () => {
    report = await failingReport();
  });

  it("is written beside the others, named in the console's list", () => {
    expect(report.run.code).toBe(1);
    expect(report.run.stdout).toContain(`report written: ${path.join(report.output, HTML_FILE)}`);
  });

  it("loads nothing: no external script, style, image or font, its one script inline", () => {
    expect(externalReferences(report.html)).toEqual([]);
    expect(report.html.match(/<script\b[^>]*>/g)).toEqual(["<script>"]);
    expect(report.html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  });

  it("holds each failing case, its evidence, its curl line and its replay, and the warnings apart", () => {
    const failed = report.json.runs[0].cases.filter((result: { status: string }) => result.status === "failed");
    expect(failed.length).toBe(1);
    for (const result of failed) {
      expect(report.html).toContain(`data-status="failed" data-operation="${result.operation}"`);
      expect(report.html).toContain(`<code class="case-id">${asMarkup(result.id)}</code>`);
      for (const step of result.steps.filter((item: { failures: unknown[] }) => item.failures.length > 0)) {
        expect(report.html).toContain(`<pre class="curl">${asMarkup(step.curl)}</pre>`);
        for (const failure of step.failures) expect(report.html).toContain(`<dd><code>${asMarkup(failure.received)}</code></dd>`);
      }
      expect(report.html).toContain(asMarkup(result.replay.split("\n")[0]));
    }
    expect(report.html).toMatch(/<li class="finding warning"><p class="finding-title">Header differs from the documented example/);
  });

  it("keeps a hostile body as text, masks the token, and cuts a huge body with a note", async () => {
    expect(report.html).not.toContain(HOSTILE);
    expect(report.html).toContain(asMarkup(HOSTILE));
    expect(report.html).not.toContain(TOKEN);
    expect(report.html).toContain("Bearer ***");
    expect(report.html).toContain("body cut at 64 KiB when stored");
    expect(report.html).toMatch(/… \[truncated: \d+ of \d+ bytes not kept\]/);
    expect((await stat(path.join(report.output, HTML_FILE))).size).toBeLessThan(512 * 1024);
  });

  it("shows every case without script: the filters are hidden until the page's script shows them", () => {
    expect(report.html).toContain('<form id="filters" class="filters" hidden>');
    expect(report.html.match(/<article class="case /g)).toHaveLength(report.json.runs[0].cases.length);
    expect(report.html).not.toMatch(/<article[^>]* hidden/);
  });
});

describe("the HTML report", () => {
  it("of the passing reference: every case, none failed, the verdict pass", async () => {
    const output = await outputDir();
    const { code } = await runCli(["verify", "--api", "intercom", "--reporter", "html", "json", "--output", output]);
    expect(code).toBe(0);
    const html = await readFile(path.join(output, HTML_FILE), "utf8");
    const json = JSON.parse(await readFile(path.join(output, "archive-kit-report.json"), "utf8"));
    expect(html.match(/<article class="case /g)).toHaveLength(json.runs[0].cases.length);
    expect(html).not.toContain('data-status="failed"');
    expect(html).toContain('<span class="badge pass">pass</span>');
    expect(externalReferences(html)).toEqual([]);
  });

  it("of an earlier run is removed by a run that stops before it writes one", async () => {
    const output = await outputDir();
    await writeFile(path.join(output, HTML_FILE), "<p>all green</p>");
    const { code } = await runCli(["verify", "--api", "intercom", "--reporter", "html", "--output", output, "--hooks", "/nonexistent-hooks.mjs"]);
    expect(code).toBe(2);
    expect(await readdir(output)).toEqual([]);
  });

  it("of a fuzz run holds its properties as cases", async () => {
    const output = await outputDir();
    const { code, stdout } = await runCli(["fuzz", "--api", "intercom", "--operation", "archiveUserByQuery", "--seed", "1", "--max-examples", "5", "--reporter", "console", "html", "--output", output]);
    expect(code).toBe(0);
    expect(stdout).toContain(`report written: ${path.join(output, HTML_FILE)}`);
    const html = await readFile(path.join(output, HTML_FILE), "utf8");
    expect(html).toContain('<code class="case-id">intercom/fuzz-archive-user-by-query');
    expect(externalReferences(html)).toEqual([]);
  });
});
