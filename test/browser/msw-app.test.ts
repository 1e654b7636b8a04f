import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMswApp } from "./build-msw-app.js";
import { launchChromium, type HeadlessChromium } from "./chromium.js";
import { startStaticServer, type StaticServer } from "./static-server.js";

// The frontend of issue 15's "Done when": a Vite app (test/browser/msw-app/) built by Vite from
// the built package (archive-kit/client, archive-kit/msw), served on its own origin, run in
// Debian's Chromium. Its mocks answer at the vendors' real base URLs through a real service
// worker (MSW's mockServiceWorker.js), and the page runs the shared scenario, then reloads.

const appDir = fileURLToPath(new URL("./msw-app/", import.meta.url));

interface ScenarioReport {
  phase: string;
  ok: boolean;
  steps: string[];
  error?: string;
}

let work: string;
let site: StaticServer | undefined;
let browser: HeadlessChromium | undefined;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "archive-kit-msw-app-"));
  const out = await buildMswApp(appDir, work);
  [site, browser] = await Promise.all([startStaticServer(new URL(`file://${out}/`)), launchChromium()]);
});

afterAll(async () => {
  await Promise.allSettled([site?.close(), browser?.close()]);
  rmSync(work, { recursive: true, force: true });
});

async function scenarioReport(): Promise<ScenarioReport> {
  const page = browser!.page;
  await page.waitForFunction(() => (globalThis as { scenario?: unknown }).scenario !== undefined, undefined, { timeout: 120_000 });
  return page.evaluate(() => (globalThis as unknown as { scenario: ScenarioReport }).scenario);
}

describe("a Vite app with archive-kit/msw behind a real service worker, in Chromium", () => {
  it("archives by id, e-mail and user_id, forces a 429, seeds, reads requests(), signs the Dfns archive with WebCrypto; the state survives a reload", async () => {
    const page = browser!.page;
    const offPage: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(site!.origin)) offPage.push(request.url());
    });
    await page.goto(`${site!.origin}/index.html`);
    const first = await scenarioReport();
    expect(first.error).toBeUndefined();
    expect(first).toMatchObject({ phase: "first visit", ok: true });
    expect(first.steps).toHaveLength(8);
    // The requests went to the vendors' own hosts, and the service worker answered them.
    const controlled = await page.evaluate(() => (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker.controller !== null);
    expect(controlled).toBe(true);
    expect(offPage.some((url) => url.startsWith("https://api.intercom.io/users"))).toBe(true);
    expect(offPage.some((url) => url.startsWith("https://api.dfns.io/auth/users/"))).toBe(true);

    await page.evaluate(() => delete (globalThis as { scenario?: unknown }).scenario);
    await page.reload();
    const second = await scenarioReport();
    expect(second.error).toBeUndefined();
    expect(second).toEqual({ phase: "after reload", ok: true, steps: ["state kept across the reload"] });
  });
});
