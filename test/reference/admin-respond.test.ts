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

describe("POST /__archive-kit/seed", () => {
  const seed = (server: ReferenceServer, body: unknown) => send(server, "POST", "/__archive-kit/seed", JSON_BODY, typeof body === "string" ? body : JSON.stringify(body));

  it("Intercom: the users are stored as a create would store them, found by user_id and e-mail, archivable; reset takes them away", async () => {
    const server = await start({ api: "intercom" });
    expect((await seed(server, { users: [{ user_id: "seed-1", email: "Ann@Example.com", name: "Ann" }, { id: "5714dd359a3fd47136009999", user_id: "seed-2" }] })).status).toBe(204);
    const ann = await send(server, "GET", "/users?user_id=seed-1", intercomAuth);
    expect(ann.status).toBe(200);
    expect(ann.body).toMatchObject({ type: "user", user_id: "seed-1", email: "ann@example.com", name: "Ann", app_id: expect.any(String), custom_attributes: {} });
    expect((await send(server, "GET", "/users?email=ANN@example.com", intercomAuth)).body).toMatchObject({ total_count: 1 });
    expect((await send(server, "DELETE", "/users/5714dd359a3fd47136009999", intercomAuth)).status).toBe(200);
    await send(server, "POST", "/__archive-kit/reset", JSON_BODY);
    expect((await send(server, "GET", "/users?user_id=seed-1", intercomAuth)).status).toBe(404);
  });

  it.each([
    [{ users: [{ user_id: "seed-ok" }, { user_id: "seed-bad", email: 42 }] }, /^\/__archive-kit\/seed: users\[1\]: not a valid User: .*\/email.*; nothing was seeded$/],
    [{ users: [{ user_id: "seed-ok" }, { id: JOE.id }] }, new RegExp(`users\\[1\\]\\.id ${JOE.id} is already a user`)],
    [{ users: [{ user_id: "seed-ok" }, "joe"] }, /users\[1\] must be a user object/],
    [{ users: Array.from({ length: 1_001 }, (_, i) => ({ user_id: `u${i}` })) }, /at most 1000 users per call, not 1001/],
    [{ people: [] }, /the body must be an object with a "users" list/],
    [{ users: [], extra: 1 }, /"extra" is not a field; give users only/],
    ["[", /the body must be JSON/],
  ])("Intercom: %j refuses the whole call with a 400 naming the problem, and nothing is seeded", async (body, message) => {
    const server = await start({ api: "intercom" });
    const before = JSON.stringify(server.state());
    const refused = await seed(server, body);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: "error.list", errors: [{ code: "bad_request", message: expect.stringMatching(message) }] });
    expect(JSON.stringify(server.state())).toBe(before);
  });

  it("Dfns: a whole User as the API answers it, visible to the org's callers; an invalid one is refused naming its field", async () => {
    const server = await start({ api: "dfns" });
    const auth = { Authorization: `Bearer ${server.credentials.token}` };
    const template = (await send(server, "GET", "/auth/users/us-2mhcm-9r90a-92ran47bjpl60hmv", auth)).body as Record<string, unknown>;
    const seeded = { ...template, userId: "us-s33d0-00001-0a1b2c3d4e5f6g7h", username: "seeded@example.co", credentialUuid: "cr-s33d0-00001-0a1b2c3d4e5f6g7h" };
    expect((await seed(server, { users: [seeded] })).status).toBe(204);
    expect((await send(server, "GET", `/auth/users/${seeded.userId}`, auth)).body).toMatchObject({ userId: seeded.userId, username: "seeded@example.co", isActive: true });
    const refused = await seed(server, { users: [{ ...seeded, userId: "us-s33d0-00002-0a1b2c3d4e5f6g7h", username: "other@example.co", kind: "Robot" }] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^\/__archive-kit\/seed: users\[0\]: not a valid User: .*\/kind/);
    expect((await seed(server, { users: [{ ...seeded, userId: "us-s33d0-00003-0a1b2c3d4e5f6g7h" }] })).body.error.message).toMatch(/users\[0\]\.username seeded@example\.co is already taken/);
  });

  it("in-process, startReferenceServer's seed() does the same", async () => {
    const server = await start({ api: "intercom" });
    expect(server.seed([{ user_id: "seed-3" }])).toEqual({ ok: true });
    expect((await send(server, "GET", "/users?user_id=seed-3", intercomAuth)).status).toBe(200);
    expect(server.seed([{ user_id: 3 }])).toEqual({ ok: false, message: expect.stringMatching(/^users\[0\]: not a valid User: .*user_id/) });
  });
});

describe("seeding is bounded, so no caller grows the mock's memory without bound", () => {
  it("Dfns: at most 16 MiB of seeded users; then a 400 and nothing more is stored", async () => {
    const server = await start({ api: "dfns" });
    const auth = { Authorization: `Bearer ${server.credentials.token}` };
    const template = (await send(server, "GET", "/auth/users/us-2mhcm-9r90a-92ran47bjpl60hmv", auth)).body as Record<string, unknown>;
    const usersBefore = (server.state().users as unknown[]).length;
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const id = `us-s33d${String(i).padStart(2, "0")}-00001-0a1b2c3d4e5f6g7h`;
      const user = { ...template, userId: id, username: `big-${i}@example.co`, name: "x".repeat(1_000_000 - 2_000) };
      statuses.push((await send(server, "POST", "/__archive-kit/seed", JSON_BODY, JSON.stringify({ users: [user] }))).status);
    }
    expect(statuses.slice(0, 16)).toEqual(Array(16).fill(204));
    expect(statuses.slice(17)).toEqual([400, 400, 400]);
    // Exactly the accepted calls stored their user: a refused one stored nothing.
    expect((server.state().users as unknown[]).length).toBe(usersBefore + statuses.filter((status) => status === 204).length);
  });

  it("Intercom: seeded users count against the 16 MiB written through the API", async () => {
    const server = await start({ api: "intercom" });
    const batch = (call: number) => ({ users: Array.from({ length: 60 }, (_, i) => ({ user_id: `bulk-${call}-${i}`, custom_attributes: { note: "x".repeat(15_000) } })) });
    const statuses: number[] = [];
    for (let call = 0; call < 20; call++) statuses.push((await send(server, "POST", "/__archive-kit/seed", JSON_BODY, JSON.stringify(batch(call)))).status);
    expect(statuses.slice(0, 17)).toEqual(Array(17).fill(204));
    expect(statuses.at(-1)).toBe(400);
  });
});
