import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium; nothing in this project downloads a browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** A host name the browser resolves to 127.0.0.1, as a DNS rebinding attack would make it. */
export const REBOUND_HOST = "rebind.evil.test";

/**
 * As root on a machine with a closed network: no sandbox, no GPU, and none of Chromium's own
 * background connections (update, sync, QUIC), which would only be refused.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // A name an attacker would rebind to 127.0.0.1, resolved so without any DNS (test/browser/frontend.test.ts).
  `--host-resolver-rules=MAP ${REBOUND_HOST} 127.0.0.1`,
];

export interface HeadlessChromium {
  page: Page;
  /** Another tab of the same browser. */
  newPage(): Promise<Page>;
  /** Closes the browser (its processes end) and removes its profile folder. */
  close(): Promise<void>;
}

/** Headless Debian Chromium with a fresh, empty profile in a temporary folder. */
export async function launchChromium(): Promise<HeadlessChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: install Debian's package with "apt-get install -y chromium" (.ci/run does this in CI)`);
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), "archive-kit-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 15_000,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    newPage: () => context.newPage(),
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
