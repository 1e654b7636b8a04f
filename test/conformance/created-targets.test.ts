/**
 * Destructive requests only reach what the run created (issue 14, item 0): a create answered with
 * somebody else's user fails the case's setup, and that user is left exactly as it was.
 */
import { describe, expect, it } from "vitest";
import { casesToRun, runConformance } from "../../src/wiring.js";
import { caseFolder } from "../helpers/case-files.js";
import { CREATES_ANSWERED_WITH_VICTIM, watchVictim } from "../helpers/hijacked-creates.js";
import { referenceSetup } from "../helpers/reference-setup.js";

describe.each(["intercom", "dfns"] as const)("%s: a create answered with somebody else's user", (api) => {
  it("fails every case that creates a user in setup, and sends nothing destructive to that user", async () => {
    const { credentials, variables } = await referenceSetup(api);
    const run = (baseUrl: string) => runConformance({ api, baseUrl, credentials, variables, includePermanentDelete: true, tags: ["destructive"] });
    const { outcome: result, destructive, before, after } = await watchVictim(api, CREATES_ANSWERED_WITH_VICTIM[api], run);
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

describe("a case whose own step creates the user a later step archives (a replayed fuzz lifecycle)", () => {
  const lifecycle = caseFolder({
    "lifecycle.yaml": [
      "id: intercom/fuzz-sequence-replayed",
      "title: Create, then archive what the create answered",
      "source: a lifecycle as fuzz --save-failures writes it",
      "operation: archiveUserById",
      "tags: [generated, destructive, stateful]",
      'request: { method: POST, path: /users, body: { user_id: "ak-{{ run.id }}-lifecycle", email: "ak-{{ run.id }}-lifecycle@example.com" } }',
      "expect: { status: documented, bind: created }",
      "then:",
      '  - request: { method: DELETE, path: "/users/{{ created.id }}" }',
      "    expect: { status: 200 }",
    ],
  });

  it("is confirmed like a given: answered with somebody else's user, it fails in setup and the archive is never sent", async () => {
    const { credentials, variables } = await referenceSetup("intercom");
    const run = (baseUrl: string) => runConformance({ api: "intercom", baseUrl, credentials, variables, casesDir: lifecycle });
    const { outcome: result, destructive, before, after } = await watchVictim("intercom", CREATES_ANSWERED_WITH_VICTIM.intercom, run);
    expect(result.cases[0]).toMatchObject({ status: "failed", reason: expect.stringMatching(/^setup: given created: reading it back .* nothing destructive was sent/) });
    expect(result.cases[0]!.steps).toHaveLength(1);
    expect(destructive).toEqual([]);
    expect(after).toEqual(before);
  });

  it("passes against the reference, which answers with the user it made", async () => {
    const result = await runConformance({ api: "intercom", casesDir: lifecycle });
    expect(result.cases[0]).toMatchObject({ status: "passed" });
  });
});

describe("a create whose identifying values are not unique to the run", () => {
  it("fails in setup before the case archives anything, so the documented user 25 is untouched", async () => {
    const dir = caseFolder({
      "archive-25.yaml": [
        "id: intercom/archive-25",
        "title: Archive user_id 25 as documented",
        "source: a case written with the documented value itself",
        "operation: archiveUserByQuery",
        "tags: [destructive]",
        "given:",
        '  user: { create: { user_id: "25", email: "someone-else@example.com" } }',
        "request: { method: DELETE, path: /users, query: { user_id: \"{{ user.user_id }}\" } }",
        "expect: { status: 200 }",
      ],
    });
    const { credentials, variables } = await referenceSetup("intercom");
    const { outcome: result, destructive, before, after } = await watchVictim("intercom", undefined, (baseUrl) => runConformance({ api: "intercom", baseUrl, credentials, variables, casesDir: dir }));
    expect(result.cases[0]!.status).toBe("failed");
    expect(result.cases[0]!.reason).toMatch(/user_id "25" is not unique to this run, .*\{\{ run\.id \}\}/);
    // The create never went out: as a create-or-update with user_id 25 it would have changed Joe Example.
    expect(destructive).toEqual([]);
    expect(after).toEqual(before);
  });
});

describe("an identifying value the vendor stores differently cased", () => {
  it("is still the run's own: Intercom lower-cases e-mails, and the case passes", async () => {
    const dir = caseFolder({
      "archive-upper.yaml": [
        "id: intercom/archive-upper-case-email",
        "title: Archive a user created with an upper-case e-mail",
        "source: Intercom stores e-mails lower-cased",
        "operation: archiveUserById",
        "tags: [destructive]",
        "given:",
        '  user: { create: { user_id: "ak-{{ run.id }}-upper", email: "AK-{{ run.id }}-Upper@Example.COM" } }',
        'request: { method: DELETE, path: "/users/{{ user.id }}" }',
        "expect: { status: 200 }",
      ],
    });
    const result = await runConformance({ api: "intercom", casesDir: dir });
    expect(result.cases[0]).toMatchObject({ status: "passed" });
  });
});
