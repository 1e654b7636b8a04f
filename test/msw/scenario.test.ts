import { setupServer } from "msw/node";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDfnsClient, createIntercomClient, createWebCryptoSigner } from "../../src/client.js";
import { createMockApi } from "../../src/msw.js";
import { afterReload, firstVisit, USERS, type ScenarioMocks } from "../browser/msw-app/scenario.js";

// The page's scenario (test/browser/msw-app/, run in Chromium by test/browser/msw-app.test.ts) in
// Node through setupServer, with the page's sessionStorage played by a Map. A "reload" is a new
// pair of mocks reading the same storage.

const kit = { createIntercomClient, createDfnsClient, createWebCryptoSigner };
const storage = new Map<string, string>();
const sessionStorage = {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, value),
  removeItem: (key: string) => void storage.delete(key),
};

async function visit(): Promise<ScenarioMocks & { close(): void }> {
  const mocks = { intercom: await createMockApi({ api: "intercom", persist: "session" }), dfns: await createMockApi({ api: "dfns", persist: "session" }) };
  const network = setupServer(...mocks.intercom.handlers, ...mocks.dfns.handlers);
  network.listen({ onUnhandledRequest: "error" });
  return { ...mocks, close: () => network.close() };
}

beforeEach(() => {
  storage.clear();
  vi.stubGlobal("sessionStorage", sessionStorage);
});
afterEach(() => vi.unstubAllGlobals());

describe("the in-page scenario through setupServer", () => {
  it("archives, forces a 429, seeds, reads the journal, signs with WebCrypto; after a reload the state is kept", async () => {
    const first = await visit();
    try {
      expect(await firstVisit(kit, first)).toHaveLength(8);
    } finally {
      first.close();
    }
    const second = await visit();
    try {
      expect(await afterReload(kit, second)).toEqual(["state kept across the reload"]);
    } finally {
      second.close();
    }
  });

  it("with the saved state gone, a reload starts from the fixtures: the after-reload checks fail", async () => {
    const first = await visit();
    try {
      await firstVisit(kit, first);
    } finally {
      first.close();
    }
    storage.clear();
    const second = await visit();
    try {
      await expect(afterReload(kit, second)).rejects.toThrow("the archived user after a reload: got 200, expected 404");
    } finally {
      second.close();
    }
  });

  it("corrupt saved state is set aside with one warning, and the mock starts from its fixtures", async () => {
    const key = "archive-kit:intercom:https://api.intercom.io";
    const corrupt = JSON.stringify({ format: 1, api: "intercom", snapshot: { users: [{ user: { id: USERS.joe.id, email: 5 }, archived: true }] } });
    storage.set(key, corrupt);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const mock = await createMockApi({ api: "intercom", persist: "session" });
      expect(warn.mock.calls).toEqual([[expect.stringMatching(/^archive-kit: the saved intercom mock state \(archive-kit:intercom:https:\/\/api\.intercom\.io\) cannot be used: users\[0\]: not a valid User: .* it was moved to archive-kit:intercom:https:\/\/api\.intercom\.io:set-aside and the mock starts from its fixtures$/)]]);
      expect([storage.get(key), storage.get(`${key}:set-aside`)]).toEqual([undefined, corrupt]);
      const joe = (mock.state().users as Array<{ user: { id: string; email: string }; archived: boolean }>).find((entry) => entry.user.id === USERS.joe.id);
      expect(joe).toMatchObject({ archived: false, user: { email: USERS.joe.email } });
    } finally {
      warn.mockRestore();
    }
  });

  it("unparseable saved state, or another API's, is set aside the same way", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      storage.set("archive-kit:dfns:https://api.dfns.io", "{not json");
      await createMockApi({ api: "dfns", persist: "session" });
      storage.set("archive-kit:dfns:https://api.dfns.io", JSON.stringify({ format: 1, api: "intercom", snapshot: { users: [] } }));
      await createMockApi({ api: "dfns", persist: "session" });
      const reasons = warn.mock.calls.map(([message]) => /cannot be used: (.*); it was moved to archive-kit:dfns:https:\/\/api\.dfns\.io:set-aside/.exec(String(message))?.[1]);
      expect(reasons).toEqual(["it is not JSON", "it is not archive-kit dfns state of format 1"]);
    } finally {
      warn.mockRestore();
    }
  });

  it("persist outside a browser, or a persist mode that does not exist, is a clear error", async () => {
    vi.unstubAllGlobals();
    await expect(createMockApi({ api: "intercom", persist: "session" })).rejects.toThrow('createMockApi: persist "session" needs the browser\'s sessionStorage, which this runtime lacks — leave persist out here');
    await expect(createMockApi({ api: "intercom", persist: "cookie" as "local" })).rejects.toThrow('createMockApi: persist "cookie" is not "session" or "local"');
    await expect(createMockApi({ api: "acme" as "intercom" })).rejects.toThrow('createMockApi: no built-in API "acme" — use one of intercom, dfns');
  });
});
