/**
 * Issue 17: the real intercom-client SDK (2.11, the last to speak the 1.3 users API) drives
 * creates, finds and archives through `archive-kit proxy` in front of the reference. The
 * unchanged reference gives no failure; each deviating implementation (an ill-typed field, a
 * missing 401, an archived user still served) fails, naming what it broke. What the proxy
 * recorded replays through `verify` with the same verdicts, and no output holds the token.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectSameVerdictsOffline, filesUnder, replayRecorded, throughProxy, zooMutation, type ProxySession } from "../helpers/proxy-session.js";

const require = createRequire(import.meta.url);
const { Client } = require("intercom-client") as { Client: new (options: { token: string }) => IntercomClient };

interface IntercomClient {
  usePromises(): IntercomClient;
  useRequestOpts(options: Record<string, unknown>): IntercomClient;
  users: Record<"create" | "find" | "archive", (params: Record<string, unknown>) => Promise<{ statusCode: number; body: Record<string, unknown> }>>;
}

const TOKEN = "test-only-intercom-token";
let run = 0;

/** What an app would do with the SDK: create users, look them up, archive them by each key, look again; and one page's request without a token. */
async function intercomTraffic(proxyUrl: string): Promise<void> {
  const client = new Client({ token: TOKEN }).usePromises().useRequestOpts({ baseUrl: proxyUrl, followRedirect: false });
  // Digits within a double's precision: the numeric-user-id deviation turns them into a number.
  const unique = `${Date.now() % 1e9}${run++}`;
  const settled = (promise: Promise<{ statusCode: number }>) => promise.then((answer) => answer.statusCode, (error: { statusCode?: number }) => error.statusCode);
  // An all-digit user_id, as the documents' "25".
  const { body: first } = await client.users.create({ user_id: unique, email: `sdk-${unique}@example.com`, name: "SDK user" });
  await settled(client.users.find({ id: first.id }));
  await settled(client.users.archive({ id: first.id }));
  await settled(client.users.find({ id: first.id }));
  await client.users.create({ user_id: `${unique}1`, email: `sdk-${unique}-2@example.com` });
  await settled(client.users.archive({ email: `sdk-${unique}-2@example.com` }));
  await settled(client.users.find({ user_id: `${unique}1` }));
  const third = await client.users.create({ user_id: `${unique}2`, email: `sdk-${unique}-3@example.com` });
  await settled(client.users.archive({ user_id: `${unique}2` }));
  void third;
  // A page that forgot its token: the documents answer 401.
  await fetch(`${proxyUrl}/users?email=${encodeURIComponent(`sdk-${unique}@example.com`)}`, { headers: { Accept: "application/json" } });
}

function expectNoSecret(session: ProxySession): void {
  const basic = Buffer.from(`${TOKEN}:`).toString("base64");
  for (const { file, text } of [{ file: "console", text: session.output }, ...filesUnder(session.dir)]) {
    expect(text.includes(TOKEN), `${file} shows the token`).toBe(false);
    expect(text.includes(basic), `${file} shows the Basic credential`).toBe(false);
  }
}


describe("proxy in front of the Intercom reference, driven by intercom-client", () => {
  it("passes the unchanged reference, records replayable cases and masks the token", async () => {
    const session = await throughProxy("intercom", undefined, intercomTraffic);
    expect(session.output).toMatch(/^#1 POST \/users → 200 \d+ ms ✓$/m);
    expect(session.output).toMatch(/^#\d+ DELETE \/users\/[0-9a-f]+ → 200 \d+ ms ✓$/m);
    // The page's request without a token got the documented 401, judged as such.
    expect(session.output).toMatch(/^#\d+ GET \/users\?email=\S+ → 401 \d+ ms ✓$/m);
    expect(session.output).toMatch(/^10 exchanges, 0 failed, 0 warnings \(ended by SIGINT\)$/m);
    expect(session.code).toBe(0);
    expectNoSecret(session);

    const replayed = await replayRecorded("intercom", session, undefined);
    expect(replayed.stdout).toMatch(/recorded\/intercom-\d+-user1-lifecycle/);
    expect(replayed.stdout).toMatch(/\d+ passed, 0 failed, 0 skipped/);
    expect(replayed.code).toBe(0);
    await expectSameVerdictsOffline("intercom", session);
  });

  const deviations = [
    { zoo: "intercom-numeric-user-id", names: /✗ Response violates schema at response\.\/user_id \[response-schema\]/ },
    { zoo: "intercom-view-without-token", names: /✗ Request without the credentials the operation requires was not refused as documented at response\.status \[credentials-enforced\]: Received: 200 \/ Expected: 401/ },
    { zoo: "intercom-archived-found-by-id", names: /✗ Answer contradicts the state the documents give the user at response\.status \[documented-state\]: Received: 200 \/ Expected: 404/ },
  ];
  it.each(deviations)("fails $zoo, naming it, and its recording replays as a failing regression case", async ({ zoo, names }) => {
    const session = await throughProxy("intercom", zooMutation(zoo), intercomTraffic);
    expect(session.output).toMatch(names);
    expect(session.output).toMatch(/^10 exchanges, [1-9]\d* failed/m);
    expect(session.code).toBe(1);
    expectNoSecret(session);
    // The HTML report shows the failing exchange with its curl line.
    const html = readFileSync(path.join(session.reports, "archive-kit-report.html"), "utf8");
    expect(html).toMatch(/data-status="failed"/);
    expect(html).toMatch(/curl -sS -g --path-as-is -X/);

    const replayed = await replayRecorded("intercom", session, zooMutation(zoo));
    expect(replayed.stderr).toBe("");
    expect(replayed.stdout).toMatch(/✗ recorded\/intercom-\d+-\w+/);
    expect(replayed.code).toBe(1);
    await expectSameVerdictsOffline("intercom", session);
  });
});
