import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../src/index.js";
import { launchChromium, REBOUND_HOST, type HeadlessChromium } from "./chromium.js";
import { startStaticServer, type StaticServer } from "./static-server.js";

// A frontend on its own origin (examples/browser-page/, served on another loopback port) calls the
// stateful mocks from headless Debian Chromium. The page does the fetching and the signing; these
// tests only start things and read what the page reports.

interface Reply {
  status: number;
  body: any;
  rateLimitRemaining: string | null;
}

interface IntercomReport {
  origin: string;
  created: Array<{ status: number; id?: string; user_id?: string; email?: string; type?: string }>;
  archived: Array<{ status: number; id?: string; user_id?: string; email?: string; type?: string }>;
  afterwards: Array<{ status: number; type?: string; code?: string }>;
  rateLimitRemaining: Array<string | null>;
}

interface DfnsReport {
  origin: string;
  /** Each step's status, up to the first that failed. */
  statuses: { init?: number; action?: number; archive?: number; afterwards?: number };
  /** The body of the step that failed, if one did. */
  failure?: unknown;
  offeredCredentials?: string[];
  archived?: { userId?: string; isActive?: boolean };
}

interface DfnsConfig {
  baseUrl: string;
  token: string;
  credId: string;
  privateKeyPem: string;
  userId: string;
}

/** What examples/browser-page/flows.js puts on `window.flows`. */
interface PageFlows {
  request(baseUrl: string, method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  reset(baseUrl: string): Promise<{ status: number }>;
  intercomArchive(config: { baseUrl: string; token: string }): Promise<IntercomReport>;
  dfnsArchive(config: DfnsConfig): Promise<DfnsReport>;
}

/** Fixture employees of fixtures/dfns/org.json that the admin (the servers' first caller) may archive. */
const EMPLOYEE_1 = "us-3mp1y-00001-0a1b2c3d4e5f6g7h";
const EMPLOYEE_2 = "us-3mp1y-00002-0a1b2c3d4e5f6g7h";
/** Fixture user of fixtures/intercom/users.json: the seed's "Joe", user_id 25. */
const JOE = { id: "5714dd359a3fd47136000001", user_id: "25" };
/** A window that never rolls over during the file, so every call takes exactly one from it. */
const RATE_LIMIT = { limit: 1000, windowSeconds: 3600 };

let intercom: ReferenceServer;
let dfns: ReferenceServer;
let site: StaticServer;
let browser: HeadlessChromium | undefined;

beforeAll(async () => {
  // Everything starts at once and is kept as it comes up, so afterAll closes whatever did start.
  const starting = await Promise.allSettled([
    startReferenceServer({ api: "intercom", checkResponses: true, rateLimit: RATE_LIMIT }).then((server) => (intercom = server)),
    startReferenceServer({ api: "dfns", checkResponses: true }).then((server) => (dfns = server)),
    startStaticServer(new URL("../../examples/browser-page/", import.meta.url)).then((server) => (site = server)),
    launchChromium().then((launched) => (browser = launched)),
  ]);
  const failed = starting.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  const { page } = browser!;
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${site.origin}/index.html`);
  await page.waitForFunction(() => "flows" in globalThis, undefined, { timeout: 10_000 }).catch((error: Error) => {
    throw new Error(`examples/browser-page/flows.js did not load: ${pageErrors.join("; ") || error.message}`);
  });
});

afterAll(async () => {
  // The browser first: it holds keep-alive connections to every server.
  await browser?.close();
  await Promise.all([intercom?.close(), dfns?.close(), site?.close()]);
  expect(intercom?.violations ?? []).toEqual([]);
  expect(dfns?.violations ?? []).toEqual([]);
});

/** Calls one of the page's flows with plain-data arguments and returns what it reports. */
function inPage<Name extends keyof PageFlows>(name: Name, ...args: Parameters<PageFlows[Name]>): ReturnType<PageFlows[Name]> {
  return browser!.page.evaluate(
    ({ name, args }) => {
      const flows = (globalThis as unknown as { flows: Record<string, (...args: unknown[]) => Promise<unknown>> }).flows;
      return flows[name]!(...args);
    },
    { name, args: args as unknown[] },
  ) as ReturnType<PageFlows[Name]>;
}

const dfnsConfig = (userId: string): DfnsConfig => ({
  baseUrl: dfns.url,
  token: dfns.credentials.token,
  credId: dfns.credentials.credentialId!,
  privateKeyPem: readFileSync(path.resolve(dfns.credentials.privateKeyFile!), "utf8"),
  userId,
});

beforeEach(async () => {
  expect([await inPage("reset", intercom.url), await inPage("reset", dfns.url)]).toEqual([{ status: 204 }, { status: 204 }]);
});

describe("a page on another origin, in headless Chromium", () => {
  it("creates Intercom users and archives them by id, e-mail and user_id, reading X-RateLimit-Remaining", async () => {
    const report = await inPage("intercomArchive", { baseUrl: intercom.url, token: intercom.credentials.token });

    expect(report.origin).toBe(site.origin);
    expect(report.origin).not.toBe(new URL(intercom.url).origin);
    expect(report.created.map((user) => [user.status, user.type, user.user_id])).toEqual([
      [200, "user", "browser-id"],
      [200, "user", "browser-email"],
      [200, "user", "browser-user_id"],
    ]);
    expect(report.archived).toEqual(report.created);
    expect(report.afterwards).toEqual([
      { status: 404, type: "error.list", code: "not_found" },
      { status: 404, type: "error.list", code: "not_found" },
      { status: 404, type: "error.list", code: "not_found" },
    ]);
    // Readable only through Access-Control-Expose-Headers; each call takes one from the window.
    expect(report.rateLimitRemaining).toEqual(report.rateLimitRemaining.map(() => expect.stringMatching(/^\d+$/)));
    const remaining = report.rateLimitRemaining.map(Number);
    expect(remaining.slice(1).map((value, i) => remaining[i]! - value)).toEqual(Array(remaining.length - 1).fill(1));
  });

  it("archives a Dfns user through the whole user action flow, signing the challenge with WebCrypto; the user is gone afterwards", async () => {
    const report = await inPage("dfnsArchive", dfnsConfig(EMPLOYEE_1));

    expect({ statuses: report.statuses, failure: report.failure }).toEqual({ statuses: { init: 200, action: 200, archive: 200, afterwards: 404 }, failure: undefined });
    expect(report.origin).not.toBe(new URL(dfns.url).origin);
    expect(report.offeredCredentials).toEqual([dfns.credentials.credentialId]);
    expect(report.archived).toEqual({ userId: EMPLOYEE_1, isActive: false });
  });

  it("returns both mocks to their fixtures with POST /__archive-kit/reset", async () => {
    const dfnsReport = await inPage("dfnsArchive", dfnsConfig(EMPLOYEE_2));
    expect([dfnsReport.statuses.archive, dfnsReport.archived]).toEqual([200, { userId: EMPLOYEE_2, isActive: false }]);

    const intercomCall = (method: string, path: string) =>
      inPage("request", intercom.url, method, path, { token: intercom.credentials.token, headers: { Accept: "application/json" } });
    expect((await intercomCall("DELETE", `/users?user_id=${JOE.user_id}`)).status).toBe(200);
    expect((await intercomCall("GET", `/users/${JOE.id}`)).status).toBe(404);

    expect([await inPage("reset", intercom.url), await inPage("reset", dfns.url)]).toEqual([{ status: 204 }, { status: 204 }]);

    const joe = await intercomCall("GET", `/users/${JOE.id}`);
    expect([joe.status, joe.body.user_id]).toEqual([200, JOE.user_id]);
    const employee = await inPage("request", dfns.url, "GET", `/auth/users/${EMPLOYEE_2}`, { token: dfns.credentials.token });
    expect([employee.status, employee.body.isActive]).toEqual([200, true]);
  });
});

describe("what a page cannot do to the mocks, in headless Chromium", () => {
  const joeArchived = (server: ReferenceServer) =>
    (server.state().users as Array<{ archived: boolean; user: { id: string } }>).find((entry) => entry.user.id === JOE.id)?.archived;
  const archiveJoe = async (server: ReferenceServer) => {
    const answer = await fetch(`${server.url}/users/${JOE.id}`, { method: "DELETE", headers: { Authorization: `Bearer ${server.credentials.token}`, Accept: "application/json" } });
    expect(answer.status).toBe(200);
    expect(joeArchived(server)).toBe(true);
  };

  it("a traceparent header (OpenTelemetry, Datadog, Sentry) passes the preflight", async () => {
    const traced = await inPage("request", intercom.url, "GET", `/users/${JOE.id}`, {
      token: intercom.credentials.token,
      headers: { Accept: "application/json", traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "sentry-trace": "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1" },
    });
    expect([traced.status, traced.body.id]).toEqual([200, JOE.id]);
  });

  it("a page on an origin --cors-origin does not allow can neither reset nor seed the mock, with a JSON fetch or a simple one", async () => {
    const guarded = await startReferenceServer({ api: "intercom", checkResponses: true, cors: { origins: ["http://localhost:5173"] } });
    try {
      await archiveJoe(guarded);
      // The JSON fetch needs a preflight, which this origin does not get.
      await expect(inPage("reset", guarded.url)).rejects.toThrow(/failed in the browser/);
      // A "simple" request (no preflight; the page cannot read the answer) reaches the server, which refuses it.
      const sent = await browser!.page.evaluate(async (url) => {
        await fetch(url, { method: "POST", mode: "no-cors", body: "{}" });
        return true;
      }, `${guarded.url}/__archive-kit/reset`);
      expect(sent).toBe(true);
      expect(joeArchived(guarded)).toBe(true);
      // Nor seed it: the JSON fetch is refused its preflight, the simple one by the server.
      const users = guarded.state().users as unknown[];
      const seedings = await browser!.page.evaluate(async (url) => {
        const body = JSON.stringify({ users: [{ user_id: "planted-by-a-page", email: "planted@example.com" }] });
        const json = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body }).then(() => "answered", () => "failed");
        await fetch(url, { method: "POST", mode: "no-cors", body });
        return json;
      }, `${guarded.url}/__archive-kit/seed`);
      expect(seedings).toBe("failed");
      expect(guarded.state().users).toEqual(users);
    } finally {
      await guarded.close();
    }
    expect(guarded.violations).toEqual([]);
  });

  it("without CORS, a simple cross-origin request cannot reset the mock either", async () => {
    const closed = await startReferenceServer({ api: "intercom", checkResponses: true, cors: false });
    try {
      await archiveJoe(closed);
      await browser!.page.evaluate(async (url) => {
        await fetch(url, { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: "{}" });
      }, `${closed.url}/__archive-kit/reset`);
      expect(joeArchived(closed)).toBe(true);
    } finally {
      await closed.close();
    }
  });

  it(`a page reached through a rebound host name (${REBOUND_HOST} → 127.0.0.1) reads nothing, archives nobody and seeds nobody`, async () => {
    const tab = await browser!.newPage();
    try {
      const rebound = `http://${REBOUND_HOST}:${intercom.port}`;
      const state = await tab.goto(`${rebound}/__archive-kit/state`);
      expect(state?.status()).toBe(421);
      expect(await state?.text()).not.toMatch(/@example\.com/);
      // Same-origin for the browser: only the Host header tells the server it is not its own name.
      const archive = await tab.evaluate(
        async ({ id, token }) => (await fetch(`/users/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } })).status,
        { id: JOE.id, token: intercom.credentials.token },
      );
      expect(archive).toBe(421);
      expect(joeArchived(intercom)).toBe(false);
      const users = intercom.state().users as unknown[];
      const seed = await tab.evaluate(
        async () => (await fetch("/__archive-kit/seed", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ users: [{ user_id: "planted-by-a-page" }] }) })).status,
      );
      expect(seed).toBe(421);
      expect(intercom.state().users).toEqual(users);
    } finally {
      await tab.close();
    }
  });
});
