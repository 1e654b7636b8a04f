// The Vite app: the in-page mocks behind a real service worker (setupWorker), at the vendors' own
// base URLs, driven by the shared scenario. It reports on `window.scenario` for the test to read.
import { createDfnsClient, createIntercomClient, createWebCryptoSigner } from "archive-kit/client";
import { createMockApi } from "archive-kit/msw";
import { setupWorker } from "msw/browser";
import { afterReload, firstVisit } from "./scenario.js";

// Typed here rather than with the DOM library, which the project's TypeScript setup leaves out.
const page = globalThis as unknown as {
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  scenario?: { phase: string; ok: boolean; steps: string[]; error?: string };
};
const phase = page.sessionStorage.getItem("scenario-phase") ?? "first visit";
try {
  const mocks = { intercom: await createMockApi({ api: "intercom", persist: "session" }), dfns: await createMockApi({ api: "dfns", persist: "session" }) };
  const worker = setupWorker(...mocks.intercom.handlers, ...mocks.dfns.handlers);
  await worker.start({ serviceWorker: { url: "/mockServiceWorker.js" }, onUnhandledRequest: "error", quiet: true });
  const kit = { createIntercomClient, createDfnsClient, createWebCryptoSigner };
  const steps = phase === "first visit" ? await firstVisit(kit, mocks) : await afterReload(kit, mocks);
  page.sessionStorage.setItem("scenario-phase", "after reload");
  page.scenario = { phase, ok: true, steps };
} catch (error) {
  page.scenario = { phase, ok: false, steps: [], error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
}
