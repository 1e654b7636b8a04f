/**
 * The HTML report in headless Debian Chromium, opened from its file with the network off: the
 * failing case and its curl line are there to read, the filters narrow the cases, a hostile body
 * stays text, and the page never scrolls sideways, on a phone's width or a desktop's.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failingReport, HOSTILE, type FailingReport } from "../helpers/html-report.js";
import { launchChromium, type HeadlessChromium } from "./chromium.js";

let report: FailingReport;
let browser: HeadlessChromium;
/** Where each width's screenshot goes, to be looked at when the layout changes. */
let shots: string;
/** Every request the page made, and every dialog and console error it raised. */
const requested: string[] = [];
const dialogs: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  [report, browser, shots] = await Promise.all([failingReport(), launchChromium(), mkdtemp(path.join(tmpdir(), "archive-kit-html-shots-"))]);
  const { page } = browser;
  await page.context().setOffline(true);
  page.on("request", (request) => requested.push(request.url()));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(pathToFileURL(path.join(report.output, "archive-kit-report.html")).href);
});

afterAll(async () => {
  await browser?.close();
});

/** The ids of the cases the page shows now. */
function visibleIds(): Promise<string[]> {
  return browser.page.locator("article.case:visible .case-id").allInnerTexts();
}

describe("the HTML report in Chromium", () => {
  it("loads nothing but its own file, and its script and style run under its policy", () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith("file://"))).toEqual([]);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it("shows the failing case with its evidence and curl line, the hostile body as text", async () => {
    const { page } = browser;
    const failed = report.json.runs[0].cases.find((result: { status: string }) => result.status === "failed");
    const card = page.locator("article.case.failed");
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator(".case-id").innerText()).toBe(failed.id);
    const step = failed.steps.find((item: { failures: unknown[] }) => item.failures.length > 0);
    expect(await card.locator("pre.curl").isVisible()).toBe(true);
    expect(await card.locator("pre.curl").innerText()).toBe(step.curl);
    expect(await card.locator(".finding.failure dd").allInnerTexts()).toEqual(expect.arrayContaining(["/name", JSON.stringify(HOSTILE)]));
    expect(await card.locator(".finding.warning").innerText()).toMatch(/Header differs from the documented example/);
    expect(await card.locator(".exchange pre.response").first().innerText()).toContain(`"name":${JSON.stringify(HOSTILE)}`);
    expect(await page.locator("script").count()).toBe(1);
  });

  it("narrows the cases by verdict and by check, and shows them all again", async () => {
    const { page } = browser;
    const all = await visibleIds();
    expect(all.length).toBe(report.json.runs[0].cases.length);
    await page.selectOption("select[name=verdict]", "failed");
    expect(await visibleIds()).toEqual(report.json.runs[0].cases.filter((result: { status: string }) => result.status === "failed").map((result: { id: string }) => result.id));
    await page.selectOption("select[name=verdict]", "");

    // A check some cases ran and others did not: the filter keeps exactly those that list it.
    const checksOf = async () => (await page.locator("article.case:visible .checks").allInnerTexts()).map((line) => line.replace(/^checks: /, "").split(", "));
    const everyCase = await checksOf();
    // Each option's text is its value; the first, "all", is none.
    const options = (await page.locator("select[name=check] option").allInnerTexts()).slice(1);
    const partial = options.find((check) => everyCase.some((checks) => checks.includes(check)) && !everyCase.every((checks) => checks.includes(check)));
    expect(partial).toBeDefined();
    await page.selectOption("select[name=check]", partial!);
    const narrowed = await checksOf();
    expect(narrowed.length).toBe(everyCase.filter((checks) => checks.includes(partial!)).length);
    expect(narrowed.every((checks) => checks.includes(partial!))).toBe(true);
    expect(await page.locator("#shown").innerText()).toBe(`${narrowed.length} of ${all.length} cases shown`);
    await page.selectOption("select[name=check]", "");
    expect(await visibleIds()).toEqual(all);
  });

  it.each([390, 1280])("at %i px wide: no sideways scrolling, the summary on top", async (width) => {
    const { page } = browser;
    await page.setViewportSize({ width, height: 900 });
    // A string, run in the page: this project's types have no DOM.
    const { scrollWidth, innerWidth } = (await page.evaluate("({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })")) as { scrollWidth: number; innerWidth: number };
    expect(innerWidth).toBe(width);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const summary = await page.locator(".runs").boundingBox();
    const firstCase = await page.locator("article.case").first().boundingBox();
    expect(summary!.y).toBeLessThan(firstCase!.y);
    expect(summary!.y + summary!.height).toBeLessThan(900);
    await expect.poll(() => page.locator(".run").first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(shots, `report-${width}.png`), fullPage: true });
  });
});
