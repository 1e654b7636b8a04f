import { describe, expect, it } from "vitest";
import type { ReferenceServer } from "../../src/index.js";
import { documentedExampleOf } from "../helpers/contracts.js";
import { checkedReferences, send } from "../helpers/reference-http.js";

// Driving a page's tests over HTTP (issue 15, item 4): `POST /__archive-kit/respond` plans a
// documented answer for an operation's next requests, `GET /__archive-kit/requests` is the journal.

const INTERCOM_TOKEN = "test-only-intercom-token";
const JOE = { id: "5714dd359a3fd47136000001", user_id: "25", email: "joe@example.com" };
const JSON_BODY = { "Content-Type": "application/json" };
const intercomAuth = { Authorization: `Bearer ${INTERCOM_TOKEN}`, Accept: "application/json" };

const start = checkedReferences();

const respond = (server: ReferenceServer, plan: unknown) => send(server, "POST", "/__archive-kit/respond", JSON_BODY, typeof plan === "string" ? plan : JSON.stringify(plan));
const archiveJoe = (server: ReferenceServer, headers: Record<string, string> = {}) => send(server, "DELETE", `/users/${JOE.id}`, { ...intercomAuth, ...headers });
const joeArchived = (server: ReferenceServer) =>
  (server.state().users as Array<{ archived: boolean; user: { id: string } }>).find((entry) => entry.user.id === JOE.id)?.archived;

describe("POST /__archive-kit/respond", () => {
  it("the operation's next request gets the documented status and example, unhandled; the one after is handled", async () => {
    const server = await start({ api: "intercom" });
    expect((await respond(server, { operationId: "archiveUserById", status: 429 })).status).toBe(204);
    const forced = await archiveJoe(server);
    expect(forced.status).toBe(429);
    expect(forced.body).toEqual(await documentedExampleOf("intercom", "archiveUserById", "429", "rateLimited"));
    expect(forced.headers["x-ratelimit-remaining"]).toBe("0");
    expect(joeArchived(server)).toBe(false);
    // Other operations are not touched, and the plan was used up.
    expect((await send(server, "GET", `/users/${JOE.id}`, intercomAuth)).status).toBe(200);
    expect((await archiveJoe(server)).status).toBe(200);
    expect(joeArchived(server)).toBe(true);
  });

  it("times and a named example; a Prefer header wins over the plan without using it", async () => {
    const server = await start({ api: "intercom" });
    expect((await respond(server, { operationId: "archiveUserByQuery", status: 400, example: "conflict", times: 2 })).status).toBe(204);
    const conflict = await documentedExampleOf("intercom", "archiveUserByQuery", "400", "conflict");
    expect((await send(server, "DELETE", `/users?user_id=${JOE.user_id}`, { ...intercomAuth, Prefer: "code=404" })).status).toBe(404);
    for (let i = 0; i < 2; i++) expect((await send(server, "DELETE", `/users?user_id=${JOE.user_id}`, intercomAuth)).body).toEqual(conflict);
    expect((await send(server, "DELETE", `/users?user_id=${JOE.user_id}`, intercomAuth)).status).toBe(200);
  });

  it("a later plan for the same operation replaces the earlier; reset forgets both", async () => {
    const server = await start({ api: "intercom" });
    await respond(server, { operationId: "archiveUserById", status: 429, times: 5 });
    await respond(server, { operationId: "archiveUserById", status: 404 });
    expect((await archiveJoe(server)).status).toBe(404);
    expect((await archiveJoe(server)).status).toBe(200);
    await respond(server, { operationId: "archiveUserById", status: 429 });
    expect((await send(server, "POST", "/__archive-kit/reset", JSON_BODY)).status).toBe(204);
    expect((await archiveJoe(server)).status).toBe(200);
  });

  it.each([
    [{ operationId: "archiveUser", status: 429 }, /operationId archiveUser is not an operation of this API; its operations: .*archiveUserById/],
    [{ operationId: "archiveUserById", status: 302 }, /code 302 is not documented for archiveUserById; documented: 200, 400, 401, 404, 406, 429, 4XX, 5XX$/],
    [{ operationId: "archiveUserById", status: 429, example: "__proto__" }, /example __proto__ is not a documented example of archiveUserById's 429; its examples: rateLimited$/],
    [{ operationId: "archiveUserById", status: 429, times: 0 }, /times must be a whole number from 1 to 1000$/],
    [{ operationId: "archiveUserById", status: "429" }, /status must be an HTTP status the operation documents/],
    [{ operationId: "archiveUserById", status: 429, forever: true }, /"forever" is not a field/],
    [[], /the body must be a JSON object/],
    ["{oops", /the body must be JSON/],
  ])("%j is refused with a 400 in the envelope naming what exists, and nothing is planned", async (plan, message) => {
    const server = await start({ api: "intercom" });
    const refused = await respond(server, plan);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: "error.list", errors: [{ code: "bad_request", message: expect.stringMatching(message) }] });
    expect((await archiveJoe(server)).status).toBe(200);
  });

  it("Dfns: the same, in Dfns's envelope", async () => {
    const server = await start({ api: "dfns" });
    expect((await respond(server, { operationId: "getUser", status: 404 })).status).toBe(204);
    const user = "us-2mhcm-9r90a-92ran47bjpl60hmv";
    const auth = { Authorization: `Bearer ${server.credentials.token}` };
    expect((await send(server, "GET", `/auth/users/${user}`, auth)).status).toBe(404);
    expect((await send(server, "GET", `/auth/users/${user}`, auth)).status).toBe(200);
    expect((await respond(server, { operationId: "getUser", status: 418 })).body).toEqual({ error: { message: expect.stringMatching(/^\/__archive-kit\/respond: code 418 is not documented for getUser/) } });
  });

  it("in-process, startReferenceServer's respond() does the same, refusing alike", async () => {
    const server = await start({ api: "intercom" });
    expect(server.respond({ operationId: "archiveUserById", status: 503 })).toEqual({ ok: true });
    expect((await archiveJoe(server)).status).toBe(503);
    expect(server.respond({ operationId: "archiveUserById", status: 302 })).toEqual({ ok: false, message: expect.stringMatching(/^code 302 is not documented/) });
  });
});

describe("GET /__archive-kit/requests", () => {
  it("lists what the API was sent, in order, credentials and undocumented parameters redacted; admin requests are left out; reset empties it", async () => {
    const server = await start({ api: "intercom" });
    await send(server, "DELETE", `/users?user_id=${JOE.user_id}&access_token=${INTERCOM_TOKEN}`, intercomAuth);
    await send(server, "GET", `/users/${JOE.id}`, intercomAuth);
    await send(server, "GET", "/contacts", intercomAuth);
    await send(server, "GET", "/__archive-kit/state");
    const journal = await send(server, "GET", "/__archive-kit/requests");
    expect(journal.status).toBe(200);
    expect(journal.body.requests).toEqual([
      { number: 1, method: "DELETE", target: "/users?user_id=25&[redacted]", operationId: "archiveUserByQuery", status: 200, receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      { number: 2, method: "GET", target: `/users/${JOE.id}`, operationId: "viewUserById", status: 404, receivedAt: expect.any(String) },
      { number: 3, method: "GET", target: "/contacts", status: 404, receivedAt: expect.any(String) },
    ]);
    expect(JSON.stringify(journal.body)).not.toContain(INTERCOM_TOKEN);
    expect(server.requests()).toEqual(journal.body.requests);
    await send(server, "POST", "/__archive-kit/reset", JSON_BODY);
    expect((await send(server, "GET", "/__archive-kit/requests")).body).toEqual({ requests: [] });
  });

  it("keeps the newest 1,000, so no caller grows it without bound", async () => {
    const server = await start({ api: "intercom" });
    for (let i = 0; i < 1_005; i++) await send(server, "GET", "/nowhere");
    const { requests } = (await send(server, "GET", "/__archive-kit/requests")).body as { requests: Array<{ number: number }> };
    expect([requests.length, requests[0]!.number, requests.at(-1)!.number]).toEqual([1_000, 6, 1_005]);
  });
});
