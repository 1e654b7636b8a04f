/**
 * Fifty concurrent archives of one user: exactly one changes state and answers 200 with the
 * archived user; every other one answers the documented 404; the user is gone afterwards; and
 * every response stays within the contract.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixturesDir } from "../../src/apis/shipped-apis.js";
import { createKeySigner, type DfnsComponents } from "../../src/index.js";
import { startReferenceServer, type ReferenceServer } from "../../src/wiring.js";

const CONCURRENT = 50;

const servers: ReferenceServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(api: "intercom" | "dfns"): Promise<ReferenceServer> {
  const server = await startReferenceServer({ api, checkResponses: true });
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  body: unknown;
}

async function call(server: ReferenceServer, method: string, target: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const response = await fetch(`${server.url}${target}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

const statuses = (answers: Answer[]) => answers.map((answer) => answer.status);
const count = (answers: Answer[], status: number) => answers.filter((answer) => answer.status === status).length;

describe("Intercom: concurrent archives of one user", () => {
  const JOE = { id: "5714dd359a3fd47136000001", user_id: "25", email: "email@example.com" };
  const headers = { Authorization: "Bearer test-only-intercom-token", Accept: "application/json" };

  function expectOneArchive(answers: Answer[]) {
    expect(answers).toHaveLength(CONCURRENT);
    expect(count(answers, 200), `statuses: ${statuses(answers).join(", ")}`).toBe(1);
    expect(count(answers, 404), `statuses: ${statuses(answers).join(", ")}`).toBe(CONCURRENT - 1);
    const winner = answers.find((answer) => answer.status === 200)!.body;
    expect(winner).toMatchObject({ type: "user", id: JOE.id, user_id: JOE.user_id, email: JOE.email });
    for (const loser of answers.filter((answer) => answer.status === 404)) {
      expect(loser.body).toMatchObject({ type: "error.list", errors: [{ code: "not_found" }] });
    }
    // Each loser got its own request id.
    const requestIds = answers.filter((answer) => answer.status === 404).map((answer) => (answer.body as { request_id: string }).request_id);
    expect(new Set(requestIds).size).toBe(CONCURRENT - 1);
  }

  it(`${CONCURRENT} × DELETE /users/{id}: one 200 with the user, ${CONCURRENT - 1} × 404 not_found, then GET → 404`, async () => {
    const server = await start("intercom");

    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => call(server, "DELETE", `/users/${JOE.id}`, headers)));

    expectOneArchive(answers);
    const after = await call(server, "GET", `/users/${JOE.id}`, headers);
    expect(after.status).toBe(404);
    expect(after.body).toMatchObject({ errors: [{ code: "not_found" }] });
    expect(server.violations).toEqual([]);
  });

  it(`${CONCURRENT} archives addressing the user by id, user_id and email in rotation: exactly one 200`, async () => {
    const server = await start("intercom");
    const targets = [`/users/${JOE.id}`, `/users?user_id=${JOE.user_id}`, `/users?email=${encodeURIComponent(JOE.email)}`];

    const answers = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => call(server, "DELETE", targets[i % targets.length]!, headers)));

    expectOneArchive(answers);
    expect((await call(server, "GET", `/users/${JOE.id}`, headers)).status).toBe(404);
    expect((await call(server, "GET", `/users?user_id=${JOE.user_id}`, headers)).status).toBe(404);
    const byEmail = await call(server, "GET", `/users?email=${encodeURIComponent(JOE.email)}`, headers);
    expect(byEmail).toMatchObject({ status: 200, body: { type: "user.list", total_count: 0, users: [] } });
    expect(server.violations).toEqual([]);
  });
});

describe("Dfns: concurrent archives of one user, each with its own user action", () => {
  const TARGET = "us-3mp1y-00001-0a1b2c3d4e5f6g7h";
  const ARCHIVE_PATH = `/auth/users/${TARGET}`;
  const org = JSON.parse(readFileSync(path.join(fixturesDir("dfns"), "org.json"), "utf8")) as {
    credentials: Array<{ credId: string; userId: string; privateKeyFile: string }>;
  };
  const adminToken = "test-only-dfns-admin-token";
  /** The admin's Key credential (TEST-ONLY), the one its token's user signs with. */
  const adminCredential = org.credentials[0]!;
  const signer = createKeySigner({
    credId: adminCredential.credId,
    privateKey: readFileSync(path.join(fixturesDir("dfns"), adminCredential.privateKeyFile), "utf8"),
  });
  const json = { Authorization: `Bearer ${adminToken}`, Accept: "application/json", "Content-Type": "application/json" };

  /** init → sign → action: one single-use token for `DELETE <ARCHIVE_PATH>` with the body `{}`. */
  async function userActionToken(server: ReferenceServer): Promise<string> {
    const init = await call(server, "POST", "/auth/action/init", json, JSON.stringify({ userActionPayload: "{}", userActionHttpMethod: "DELETE", userActionHttpPath: ARCHIVE_PATH }));
    expect(init.status, JSON.stringify(init.body)).toBe(200);
    const challenge = init.body as DfnsComponents["schemas"]["UserActionChallenge"];
    const firstFactor = await signer.sign(challenge);
    const action = await call(server, "POST", "/auth/action", json, JSON.stringify({ challengeIdentifier: challenge.challengeIdentifier, firstFactor }));
    expect(action.status, JSON.stringify(action.body)).toBe(200);
    return (action.body as DfnsComponents["schemas"]["UserActionToken"]).userAction;
  }

  it(`${CONCURRENT} × DELETE ${ARCHIVE_PATH}: one 200 with isActive false, ${CONCURRENT - 1} × 404, then GET → 404`, async () => {
    const server = await start("dfns");
    const tokens = await Promise.all(Array.from({ length: CONCURRENT }, () => userActionToken(server)));
    expect(new Set(tokens).size).toBe(CONCURRENT);

    const answers = await Promise.all(tokens.map((token) => call(server, "DELETE", ARCHIVE_PATH, { ...json, "X-DFNS-USERACTION": token }, "{}")));

    expect(answers).toHaveLength(CONCURRENT);
    expect(count(answers, 200), `statuses: ${statuses(answers).join(", ")}`).toBe(1);
    expect(count(answers, 404), `statuses: ${statuses(answers).join(", ")}`).toBe(CONCURRENT - 1);
    expect(answers.find((answer) => answer.status === 200)!.body).toMatchObject({ userId: TARGET, isActive: false });
    for (const loser of answers.filter((answer) => answer.status === 404)) {
      expect(loser.body).toEqual({ error: { message: "User not found" } });
    }
    const after = await call(server, "GET", ARCHIVE_PATH, { Authorization: `Bearer ${adminToken}`, Accept: "application/json" });
    expect(after.status).toBe(404);
    // Every token was spent by its own DELETE: presenting one again is a reuse.
    const reused = await call(server, "DELETE", ARCHIVE_PATH, { ...json, "X-DFNS-USERACTION": tokens[0]! }, "{}");
    expect(reused).toEqual({ status: 400, body: { error: { message: "user action has already been used" } } });
    expect(server.violations).toEqual([]);
  });
});
