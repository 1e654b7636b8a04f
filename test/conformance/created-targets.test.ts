/**
 * Destructive requests only reach what the run created (issue 14, item 0): a create answered with
 * somebody else's user fails the case's setup, and that user is left exactly as it was.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { casesToRun, runConformance, startReferenceServer } from "../../src/wiring.js";
import type { RunResult } from "../../src/conformance/types.js";
import { jsonOf, pathOf, startMutatingProxy, withJson, type Mutation, type ProxyRequest } from "../helpers/mutating-proxy.js";
import { referenceSetup } from "../helpers/reference-setup.js";

/** Fixture users nobody's run created: Joe Example (user_id "25") and the Dfns seed document's user. */
const VICTIMS = { intercom: "5714dd359a3fd47136000001", dfns: "us-2mhcm-9r90a-92ran47bjpl60hmv" } as const;

/** Every create answered with the victim's id instead of the user it made (the id fields only). */
const CREATES_ANSWERED_WITH_VICTIM: Record<keyof typeof VICTIMS, Mutation> = {
  intercom: async (request, forward) => {
    const response = await forward(request);
    if (request.method !== "POST" || pathOf(request) !== "/users" || response.status !== 200) return response;
    return withJson(response, { ...jsonOf(response), id: VICTIMS.intercom });
  },
  dfns: async (request, forward) => {
    const response = await forward(request);
    if (request.method !== "POST" || response.status !== 200) return response;
    if (pathOf(request) === "/auth/users") return withJson(response, { ...jsonOf(response), userId: VICTIMS.dfns });
    if (pathOf(request) === "/auth/registration/delegated") {
      const challenge = jsonOf(response);
      return withJson(response, { ...challenge, user: { ...challenge.user, id: VICTIMS.dfns } });
    }
    return response;
  },
};

interface Observed {
  result: RunResult;
  /** Requests that named the victim and were not reads. */
  destructive: ProxyRequest[];
  before: unknown;
  after: unknown;
}

async function victimState(url: string, api: keyof typeof VICTIMS): Promise<unknown> {
  const state = (await (await fetch(`${url}/__archive-kit/state`)).json()) as { users: Array<Record<string, unknown>> };
  // Intercom keeps each user with its archive state beside it; Dfns keeps the user itself.
  return state.users.find((entry) => JSON.stringify(entry).includes(`"${VICTIMS[api]}"`));
}

async function runWithVictim(api: keyof typeof VICTIMS, options: { casesDir?: string; tags?: string[] } = {}): Promise<Observed> {
  const reference = await startReferenceServer({ api });
  const destructive: ProxyRequest[] = [];
  const proxy = await startMutatingProxy(reference.url, async (request, forward) => {
    const named = `${request.url} ${request.body}`.includes(VICTIMS[api]);
    if (named && request.method !== "GET") destructive.push(request);
    return CREATES_ANSWERED_WITH_VICTIM[api](request, forward);
  });
  try {
    const before = await victimState(reference.url, api);
    const { credentials, variables } = await referenceSetup(api);
    const result = await runConformance({ api, baseUrl: proxy.url, credentials, variables, includePermanentDelete: true, ...options });
    return { result, destructive, before, after: await victimState(reference.url, api) };
  } finally {
    await proxy.close();
    await reference.close();
  }
}

describe.each(["intercom", "dfns"] as const)("%s: a create answered with somebody else's user", (api) => {
  it("fails every case that creates a user in setup, and sends nothing destructive to that user", async () => {
    const { result, destructive, before, after } = await runWithVictim(api, { tags: ["destructive"] });
    const withCreate = new Set((await casesToRun({ api, tags: ["destructive"], includePermanentDelete: true })).filter((testCase) => Object.values(testCase.given ?? {}).some((given) => "create" in given)).map((testCase) => testCase.id));
    const creating = result.cases.filter((testCase) => withCreate.has(testCase.id));
    expect(creating.length).toBeGreaterThan(3);
    for (const testCase of creating) {
      expect(testCase.status, testCase.id).toBe("failed");
      expect(testCase.reason, testCase.id).toMatch(/^setup: .*nothing destructive was sent/);
    }
    expect(destructive.map((request) => `${request.method} ${request.url}`)).toEqual([]);
    expect(before).toBeDefined();
    expect(after).toEqual(before);
  });
});

describe("a create whose identifying values are not unique to the run", () => {
  it("fails in setup before the case archives anything, so the documented user 25 is untouched", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ak-created-"));
    writeFileSync(
      path.join(dir, "archive-25.yaml"),
      [
        "id: intercom/archive-25",
        "title: Archive user_id 25 as documented",
        "source: a case written with the documented value itself",
        "operation: archiveUserByQuery",
        "tags: [destructive]",
        "given:",
        '  user: { create: { user_id: "25", email: "someone-else@example.com" } }',
        "request: { method: DELETE, path: /users, query: { user_id: \"{{ user.user_id }}\" } }",
        "expect: { status: 200 }",
      ].join("\n"),
    );
    const reference = await startReferenceServer({ api: "intercom" });
    try {
      const before = await victimState(reference.url, "intercom");
      const { credentials, variables } = await referenceSetup("intercom");
      const result = await runConformance({ api: "intercom", baseUrl: reference.url, credentials, variables, casesDir: dir });
      expect(result.cases[0]!.status).toBe("failed");
      expect(result.cases[0]!.reason).toMatch(/user_id "25" is not unique to this run, .*\{\{ run\.id \}\}/);
      expect(await victimState(reference.url, "intercom")).toEqual(before);
    } finally {
      await reference.close();
    }
  });
});

describe("an identifying value the vendor stores differently cased", () => {
  it("is still the run's own: Intercom lower-cases e-mails, and the case passes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ak-created-"));
    writeFileSync(
      path.join(dir, "archive-upper.yaml"),
      [
        "id: intercom/archive-upper-case-email",
        "title: Archive a user created with an upper-case e-mail",
        "source: Intercom stores e-mails lower-cased",
        "operation: archiveUserById",
        "tags: [destructive]",
        "given:",
        '  user: { create: { user_id: "ak-{{ run.id }}-upper", email: "AK-{{ run.id }}-Upper@Example.COM" } }',
        'request: { method: DELETE, path: "/users/{{ user.id }}" }',
        "expect: { status: 200 }",
      ].join("\n"),
    );
    const result = await runConformance({ api: "intercom", casesDir: dir });
    expect(result.cases[0]).toMatchObject({ status: "passed" });
  });
});
