/**
 * Issue 17: the real @dfns/sdk client creates, reads and archives users through `archive-kit
 * proxy` in front of the Dfns reference, signing each user action through the proxy (the signing
 * exchanges pass through untouched). The unchanged reference gives no failure; each deviating
 * implementation (an ill-typed field, a missing 401, an archived user served as active) fails,
 * naming it. The recording replays through `verify` with the same verdicts; no output holds the
 * token, the private key, a challenge or a user action token.
 */
import { readFileSync } from "node:fs";
import { DfnsApiClient } from "@dfns/sdk";
import { AsymmetricKeySigner } from "@dfns/sdk-keysigner";
import { describe, expect, it } from "vitest";
import { jsonOf, passThrough, startMutatingProxy, type Mutation } from "../../src/testing/mutating-proxy.js";
import { DFNS_CREDENTIAL_ID, DFNS_KEY_FILE, DFNS_TOKEN, expectSameVerdictsOffline, filesUnder, replayRecorded, throughProxy, zooMutation, type ProxySession } from "../helpers/proxy-session.js";

const PRIVATE_KEY = readFileSync(DFNS_KEY_FILE, "utf8");
let run = 0;
/** Every challenge and user action token the client saw: none may be shown. */
const signingSecrets = new Set<string>();

/** The implementation seen through `mutation`, keeping every challenge and user action token it answered. */
function watched(mutation: Mutation = passThrough): Mutation {
  return async (request, forward) => {
    const answer = await mutation(request, forward);
    const body = jsonOf(answer) as { challenge?: string; userAction?: string } | undefined;
    for (const value of [body?.challenge, body?.userAction]) if (typeof value === "string") signingSecrets.add(value);
    return answer;
  };
}

async function dfnsTraffic(proxyUrl: string): Promise<void> {
  const signer = new AsymmetricKeySigner({ credId: DFNS_CREDENTIAL_ID, privateKey: PRIVATE_KEY });
  // No orgId: the reference's tokens are not JWTs.
  const dfns = new DfnsApiClient({ baseUrl: proxyUrl, authToken: DFNS_TOKEN, signer });
  const email = `sdk-${process.pid}-${Date.now()}-${run++}@example.co`;
  const { userId } = await dfns.auth.createUser({ body: { email, kind: "CustomerEmployee" } });
  await dfns.auth.getUser({ userId });
  // A page that forgot its token: the documents answer 401.
  await fetch(`${proxyUrl}/auth/users/${userId}`, { headers: { Accept: "application/json" } });
  await dfns.auth.archiveUser({ userId });
  await dfns.auth.getUser({ userId }).catch(() => undefined);
}

function expectNoSecret(session: ProxySession): void {
  const keyLines = PRIVATE_KEY.split("\n").filter((line) => line.length > 20 && !line.startsWith("-----"));
  expect(signingSecrets.size).toBeGreaterThan(0);
  for (const { file, text } of [{ file: "console", text: session.output }, ...filesUnder(session.dir)]) {
    expect(text.includes(DFNS_TOKEN), `${file} shows the token`).toBe(false);
    for (const line of keyLines) expect(text.includes(line), `${file} shows the private key`).toBe(false);
    for (const secret of signingSecrets) expect(text.includes(secret), `${file} shows a challenge or user action token`).toBe(false);
  }
}


const KEY_FLAGS = ["--dfns-token", DFNS_TOKEN, "--dfns-credential-id", DFNS_CREDENTIAL_ID, "--dfns-private-key", DFNS_KEY_FILE];

describe("proxy in front of the Dfns reference, driven by @dfns/sdk", () => {
  it("passes the unchanged reference with the signing exchanges untouched, and records replayable cases", async () => {
    const session = await throughProxy("dfns", watched(), dfnsTraffic, KEY_FLAGS);
    expect(session.output).toMatch(/^#1 POST \/auth\/action\/init → 200 \d+ ms ✓$/m);
    expect(session.output).toMatch(/^#2 POST \/auth\/action → 200 \d+ ms ✓$/m);
    expect(session.output).toMatch(/^#3 POST \/auth\/users → 200 \d+ ms ✓$/m);
    expect(session.output).toMatch(/^#5 GET \/auth\/users\/us-\S+ → 401 \d+ ms ✓$/m);
    expect(session.output).toMatch(/^#8 DELETE \/auth\/users\/us-\S+ → 200 \d+ ms ✓$/m);
    expect(session.output).toMatch(/^9 exchanges, 0 failed, 0 warnings \(ended by SIGINT\)$/m);
    expect(session.output).toMatch(/not recorded: #1 POST \/auth\/action\/init: its body carries a one-time secret/);
    expect(session.code).toBe(0);
    expectNoSecret(session);

    const replayed = await replayRecorded("dfns", session, undefined);
    expect(replayed.stderr).toBe("");
    expect(replayed.stdout).toMatch(/recorded\/dfns-\d+-user1-lifecycle/);
    expect(replayed.stdout).toMatch(/\d+ passed, 0 failed, 0 skipped/);
    expect(replayed.code).toBe(0);
    await expectSameVerdictsOffline("dfns", session);
  });

  const deviations = [
    { zoo: "dfns-is-active-as-text", names: /✗ Response violates schema at response\.\/isActive \[response-schema\]/ },
    { zoo: "dfns-get-without-token", names: /✗ Request without the credentials the operation requires was not refused as documented at response\.status \[credentials-enforced\]: Received: 200 \/ Expected: 401/ },
    { zoo: "dfns-archived-served-active", names: /✗ Value differs from the documented one at response\.\/isActive \[documented-values\]: Received: true \/ Expected: false/ },
  ];
  it.each(deviations)("fails $zoo, naming it, and its recording replays as a failing regression case", async ({ zoo, names }) => {
    const session = await throughProxy("dfns", watched(zooMutation(zoo)), dfnsTraffic, KEY_FLAGS);
    expect(session.output).toMatch(names);
    expect(session.output).toMatch(/^9 exchanges, [1-9]\d* failed/m);
    expect(session.code).toBe(1);
    expectNoSecret(session);

    const replayed = await replayRecorded("dfns", session, zooMutation(zoo));
    expect(replayed.stderr).toBe("");
    expect(replayed.stdout).toMatch(/✗ recorded\/dfns-\d+-\w+/);
    expect(replayed.code).toBe(1);
    await expectSameVerdictsOffline("dfns", session);
  });
});

/**
 * The client replays each signed archive once more with the same user action token, as a buggy
 * retry would; and sends one archive without a user action, as a page that forgot to sign would.
 */
async function misbehavingClient(proxyUrl: string): Promise<void> {
  const replayer = await startMutatingProxy(proxyUrl, async (request, forward) => {
    const answer = await forward(request);
    if (request.method === "DELETE" && request.headers["x-dfns-useraction"]) await forward(request);
    return answer;
  });
  try {
    const signer = new AsymmetricKeySigner({ credId: DFNS_CREDENTIAL_ID, privateKey: PRIVATE_KEY });
    const dfns = new DfnsApiClient({ baseUrl: replayer.url, authToken: DFNS_TOKEN, signer });
    const { userId } = await dfns.auth.createUser({ body: { email: `sdk-${process.pid}-${Date.now()}-${run++}@example.co`, kind: "CustomerEmployee" } });
    await fetch(`${proxyUrl}/auth/users/${userId}`, { method: "DELETE", headers: { Authorization: `Bearer ${DFNS_TOKEN}`, "Content-Type": "application/json" }, body: "{}" });
    await dfns.auth.archiveUser({ userId }).catch(() => undefined);
  } finally {
    await replayer.close();
  }
}

describe("proxy: what only a stream of Dfns traffic shows", () => {
  it("passes the reference refusing an unsigned archive and a replayed token", async () => {
    const session = await throughProxy("dfns", watched(), misbehavingClient, KEY_FLAGS);
    expect(session.output).toMatch(/^#4 DELETE \/auth\/users\/us-\S+ → 40[13] \d+ ms ✓$/m);
    expect(session.output).toMatch(/^#8 DELETE \/auth\/users\/us-\S+ → 400 \d+ ms ✓$/m);
    expect(session.output).toMatch(/^8 exchanges, 0 failed/m);
    expect(session.code).toBe(0);
  });

  it.each([
    { zoo: "dfns-archive-without-user-action", names: /^#4 DELETE \S+ → 200 \d+ ms ✗ 1\n {4}✗ Request without the credentials the operation requires was not refused as documented at response\.status \[credentials-enforced\]: Received: 200 \/ Expected: 401 or 403$/m },
    { zoo: "dfns-token-reusable", names: /^#8 DELETE \S+ → 200 \d+ ms ✗ 1\n {4}✗ A single-use credential was accepted a second time at response\.status \[single-use-credential\]: Received: 200/m },
  ])("fails $zoo, naming it", async ({ zoo, names }) => {
    const session = await throughProxy("dfns", watched(zooMutation(zoo)), misbehavingClient, KEY_FLAGS);
    expect(session.output).toMatch(names);
    expect(session.code).toBe(1);
    expectNoSecret(session);
  });
});
