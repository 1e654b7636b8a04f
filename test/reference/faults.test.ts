import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type ReferenceServer, type ReferenceServerOptions } from "../../src/index.js";
import { TRANSPORT, useReferenceTransport } from "../helpers/reference-transport.js";
import { documentedExampleOf } from "../helpers/contracts.js";
import type { ApiName } from "../../src/apis/shipped-apis.js";

const startReferenceServer = useReferenceTransport();

// Prefer, latencyMs, failRate and seed through HTTP against startReferenceServer. Every server
// checks its own responses against the contract: a forced answer must conform too.

const JOE = { id: "5714dd359a3fd47136000001", user_id: "25", email: "email@example.com" };
const DFNS_SEED_USER = "us-2mhcm-9r90a-92ran47bjpl60hmv";

const servers: ReferenceServer[] = [];
afterEach(async () => {
  const started = servers.splice(0);
  await Promise.all(started.map((server) => server.close()));
  for (const server of started) expect(server.violations).toEqual([]);
});

async function start(api: ApiName, options: Partial<ReferenceServerOptions> = {}): Promise<ReferenceServer> {
  const server = await startReferenceServer({ api, checkResponses: true, ...options });
  servers.push(server);
  return server;
}

interface Reply {
  status: number;
  headers: Headers;
  body: any;
  elapsedMs: number;
}

/** Sends the fixture token (unless `token: null`) and `Accept: application/json`. */
async function call(server: ReferenceServer, method: string, path: string, options: { prefer?: string; token?: string | null } = {}): Promise<Reply> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? server.credentials.token}`;
  if (options.prefer !== undefined) headers.prefer = options.prefer;
  const startedAt = performance.now();
  const response = await fetch(`${server.url}${path}`, { method, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, elapsedMs: performance.now() - startedAt };
}


describe("Prefer on the Intercom reference", () => {
  it("code=429 on an archive answers the documented 429 with its rate-limit headers; the user is still there and still archivable", async () => {
    const server = await start("intercom");
    const forced = await call(server, "DELETE", `/users/${JOE.id}`, { prefer: "code=429" });
    expect(forced.status).toBe(429);
    expect(forced.body).toEqual(await documentedExampleOf("intercom", "archiveUserById", "429", "rateLimited"));
    // The caller's live window, used up: none left, and a reset still to come (not the example's 499 and 2016).
    expect(forced.headers.get("x-ratelimit-limit")).toMatch(/^[1-9]\d*$/);
    expect(forced.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(forced.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);

    const byQuery = await call(server, "DELETE", `/users?user_id=${JOE.user_id}`, { prefer: "code=429" });
    expect(byQuery.status).toBe(429);

    expect((await call(server, "GET", `/users/${JOE.id}`)).body).toMatchObject({ type: "user", id: JOE.id });
    const archived = await call(server, "DELETE", `/users/${JOE.id}`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ type: "user", id: JOE.id, user_id: JOE.user_id });
    expect((await call(server, "GET", `/users/${JOE.id}`)).status).toBe(404);
  });

  it("is answered before authentication and counts against no rate limit", async () => {
    const server = await start("intercom", { rateLimit: { limit: 1, windowSeconds: 60 } });
    for (const prefer of ["code=401", "code=429", "code=503"]) {
      expect((await call(server, "GET", `/users/${JOE.id}`, { prefer, token: null })).status).toBe(Number(prefer.slice(5)));
    }
    const unauthorized = await call(server, "GET", `/users/${JOE.id}`, { prefer: "code=401", token: null });
    expect(unauthorized.body).toEqual(await documentedExampleOf("intercom", "viewUserById", "401", "unauthorized"));
    expect(unauthorized.headers.get("www-authenticate")).toBe('Basic realm="intercom.io"');
    // The one request the limit allows is still there for a real call.
    expect((await call(server, "GET", `/users/${JOE.id}`)).status).toBe(200);
    expect((await call(server, "GET", `/users/${JOE.id}`)).status).toBe(429);
  });

  it("example=NAME picks that example of the code, or of the success status without a code, and changes nothing", async () => {
    const server = await start("intercom");
    const conflict = await call(server, "DELETE", `/users?email=${JOE.email}`, { prefer: "code=400, example=conflict" });
    expect(conflict.status).toBe(400);
    expect(conflict.body).toEqual(await documentedExampleOf("intercom", "archiveUserByQuery", "400", "conflict"));

    const emailArchive = await call(server, "DELETE", `/users?email=${JOE.email}`, { prefer: 'example="emailArchive"' });
    expect(emailArchive.status).toBe(200);
    expect(emailArchive.body).toEqual(await documentedExampleOf("intercom", "archiveUserByQuery", "200", "emailArchive"));
    expect((await call(server, "GET", `/users?email=${JOE.email}`)).body).toMatchObject({ total_count: 1 });
  });

  it.each([
    ["code=503", 503, "Service Unavailable"],
    ["code=500", 500, "Internal Server Error"],
    ["code=418", 418, "I'm a Teapot"],
  ])("%s, which only a documented range covers, answers the envelope saying it was forced, not the range's example of another operation", async (prefer, status, text) => {
    const server = await start("intercom");
    const forced = await call(server, "POST", "/users", { prefer });
    expect(forced.status).toBe(status);
    expect(forced.body).toEqual({ type: "error.list", request_id: expect.any(String), errors: [{ code: "bad_request", message: `${text}: forced by archive-kit (Prefer or --fail-rate); createOrUpdateUser documents no example of it` }] });
    expect(Number(forced.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(0);
  });

  it("a range's example is still served when asked for by name", async () => {
    const server = await start("intercom");
    const unavailable = await call(server, "POST", "/users", { prefer: "code=503, example=serviceUnavailable" });
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toEqual(await documentedExampleOf("intercom", "createOrUpdateUser", "5XX", "serviceUnavailable"));
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])("Prefer: example=%s names no example: the documented 400 saying which exist", async (name) => {
    const server = await start("intercom");
    const refused = await call(server, "DELETE", `/users/${JOE.id}`, { prefer: `example=${name}` });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: "error.list", errors: [{ code: "bad_request", message: `Prefer: example=${name} is not a documented example of archiveUserById's 200; its examples: idArchive` }] });
    expect((await call(server, "GET", `/users/${JOE.id}`)).status).toBe(200);
  });

  it.each([
    ["code=302", /^Prefer: code=302 is not documented for archiveUserById; documented: 200, 400, 401, 404, 406, 429, 4XX, 5XX$/],
    ["code=429, example=nope", /^Prefer: example=nope is not a documented example of archiveUserById's 429; its examples: rateLimited$/],
    ["example=emailArchive", /^Prefer: example=emailArchive is not a documented example of archiveUserById's 200; its examples: idArchive$/],
    ["code=abc", /^Prefer: code=abc is not an HTTP status/],
    ["code=4290", /^Prefer: code=4290 is not an HTTP status/],
    ["code", /^Prefer: code= is not an HTTP status/],
    ["example=", /^Prefer: example= needs the name of a documented example$/],
    ["delay=10001", /^Prefer: delay=10001 must be a whole number of milliseconds from 0 to 10000$/],
    ["delay=-5", /^Prefer: delay=-5 must be/],
    ["delay=1.5", /^Prefer: delay=1.5 must be/],
  ])("Prefer: %s is refused with a 400 in the error envelope saying what exists, and the user stays", async (prefer, message) => {
    const server = await start("intercom");
    const refused = await call(server, "DELETE", `/users/${JOE.id}`, { prefer });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: "error.list", errors: [{ code: "bad_request" }] });
    expect(refused.body.errors[0].message).toMatch(message);
    expect((await call(server, "GET", `/users/${JOE.id}`)).status).toBe(200);
  });

  it("ignores preferences it does not know (RFC 7240) and honours only the first of a repeated one", async () => {
    const server = await start("intercom");
    expect((await call(server, "GET", `/users/${JOE.id}`, { prefer: "return=minimal, dynamic=true" })).status).toBe(200);
    expect((await call(server, "GET", `/users/${JOE.id}`, { prefer: "code=404; code=abc" })).status).toBe(404);
  });

  it("is not honoured on a request that addresses no documented operation", async () => {
    const server = await start("intercom");
    expect((await call(server, "GET", "/contacts", { prefer: "code=429" })).status).toBe(404);
    expect((await call(server, "PATCH", `/users/${JOE.id}`, { prefer: "code=429" })).status).toBe(405);
  });

  it("delay=MS answers no sooner than asked, and the request is handled", async () => {
    const server = await start("intercom");
    const archived = await call(server, "DELETE", `/users/${JOE.id}`, { prefer: "delay=400" });
    expect(archived.status).toBe(200);
    expect(archived.elapsedMs).toBeGreaterThanOrEqual(390);
    const forced = await call(server, "GET", `/users/${JOE.id}`, { prefer: "code=429, delay=300" });
    expect(forced.status).toBe(429);
    expect(forced.elapsedMs).toBeGreaterThanOrEqual(290);
  });

  // Sockets: a client hanging up, and a server closing its connections, happen over node:http only.
  it.runIf(TRANSPORT === "node:http")("survives a client that gives up during a delay, and a close while answers are pending", async () => {
    const server = await startReferenceServer({ api: "intercom" });
    const abandoned = http.request(`${server.url}/users/${JOE.id}`, { headers: { prefer: "delay=200", authorization: `Bearer ${server.credentials.token}` } });
    abandoned.on("error", () => undefined);
    abandoned.end();
    setTimeout(() => abandoned.destroy(), 20);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await call(server, "GET", `/users/${JOE.id}`)).status).toBe(200);
    const pending = call(server, "GET", `/users/${JOE.id}`, { prefer: "delay=300" }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe("Prefer on the Dfns reference", () => {
  it("forces the documented 403 and 401, a named example, and a 429 the contract gives no example for; the user is untouched", async () => {
    const server = await start("dfns");
    const path = `/auth/users/${DFNS_SEED_USER}`;
    const forbidden = await call(server, "DELETE", path, { prefer: "code=403", token: null });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual(await documentedExampleOf("dfns", "archiveUser", "403", "missingPermission"));
    const invalid = await call(server, "DELETE", path, { prefer: "code=403, example=userActionInvalid" });
    expect(invalid.body).toEqual({ error: { message: "user action signature is missing or invalid" } });
    const unauthorized = await call(server, "DELETE", path, { prefer: "code=401" });
    expect(unauthorized).toMatchObject({ status: 401, body: { error: { message: "Not Authorized." } } });
    const tooMany = await call(server, "DELETE", path, { prefer: "code=429" });
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.error.message).toMatch(/^Too Many Requests/);
    expect((await call(server, "DELETE", path, { prefer: "code=202" })).status).toBe(202);

    const seedArchive = await call(server, "DELETE", path, { prefer: "code=200" });
    expect(seedArchive.body).toMatchObject({ userId: DFNS_SEED_USER, isActive: false });
    expect((await call(server, "GET", path)).body).toMatchObject({ userId: DFNS_SEED_USER, isActive: true });
  });

  it("refuses a code Dfns does not document for the operation, listing those it does", async () => {
    const server = await start("dfns");
    const refused = await call(server, "DELETE", `/auth/users/${DFNS_SEED_USER}`, { prefer: "code=418" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe("Prefer: code=418 is not documented for archiveUser; documented: 200, 202, 400, 401, 402, 403, 404, 422, 429, 500");
  });
});

describe("latencyMs, failRate and seed", () => {
  it("latencyMs delays every API answer; a request routed nowhere is answered while a delayed one waits", async () => {
    const server = await start("intercom", { latencyMs: 400 });
    const viewed = await call(server, "GET", `/users/${JOE.id}`);
    expect(viewed.status).toBe(200);
    expect(viewed.elapsedMs).toBeGreaterThanOrEqual(390);

    const slow = await start("intercom", { latencyMs: 10_000 });
    let delayedAnswered = false;
    const delayed = call(slow, "GET", `/users/${JOE.id}`).then(
      () => (delayedAnswered = true),
      () => undefined,
    );
    expect((await call(slow, "GET", "/contacts")).status).toBe(404);
    expect((await call(slow, "PATCH", `/users/${JOE.id}`)).status).toBe(405);
    expect(delayedAnswered).toBe(false);
    servers.splice(servers.indexOf(slow), 1);
    await slow.close();
    await delayed;
  });

  it("never delays, fails or forces a CORS preflight or an admin request", async () => {
    const server = await start("intercom", { latencyMs: 10_000, failRate: 1 });
    let delayedAnswered = false;
    const delayed = call(server, "GET", `/users/${JOE.id}`).then(
      () => (delayedAnswered = true),
      () => undefined,
    );
    const preflight = await fetch(`${server.url}/users/${JOE.id}`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "DELETE", "access-control-request-headers": "authorization, prefer" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("prefer");
    const state = await fetch(`${server.url}/__archive-kit/state`, { headers: { prefer: "code=429" } });
    expect(state.status).toBe(200);
    expect((await fetch(`${server.url}/__archive-kit/reset`, { method: "POST", headers: { prefer: "code=abc", "content-type": "application/json" } })).status).toBe(204);
    expect(delayedAnswered).toBe(false);
    servers.splice(servers.indexOf(server), 1);
    await server.close();
    await delayed;
  });

  it("a Prefer delay replaces the latency for its request", async () => {
    const server = await start("intercom", { latencyMs: 10_000 });
    const quick = await call(server, "GET", `/users/${JOE.id}`, { prefer: "delay=0" });
    expect(quick.status).toBe(200);
  });

  it("failRate 1 answers every API request with a documented 429 or 5xx body, and requests routed nowhere as usual", async () => {
    const intercom = await start("intercom", { failRate: 1, seed: 1 });
    const rateLimited = await documentedExampleOf("intercom", "archiveUserById", "429", "rateLimited");
    // archiveUserById documents its own 429 example; a 500 only its 5XX range covers is the envelope saying it was forced.
    const serverError = { type: "error.list", request_id: expect.any(String), errors: [{ code: "bad_request", message: expect.stringMatching(/^Internal Server Error: forced by archive-kit \(Prefer or --fail-rate\); (view|archive)UserById documents no example of it$/) }] };
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const reply = await call(intercom, i % 2 ? "DELETE" : "GET", `/users/${JOE.id}`);
      expect([429, 500]).toContain(reply.status);
      expect(reply.body).toEqual(reply.status === 429 ? rateLimited : serverError);
      seen.add(reply.status);
    }
    expect([...seen].sort()).toEqual([429, 500]);
    const users = intercom.state().users as Array<{ user: { id: string }; archived: boolean }>;
    expect(users.find((entry) => entry.user.id === JOE.id)).toMatchObject({ archived: false });
    expect((await call(intercom, "GET", "/contacts")).status).toBe(404);
    // An explicit Prefer wins over the random failure.
    expect((await call(intercom, "GET", `/users/${JOE.id}`, { prefer: "code=200" })).status).toBe(200);

    const dfns = await start("dfns", { failRate: 1 });
    for (let i = 0; i < 10; i++) {
      expect([429, 500]).toContain((await call(dfns, "GET", `/auth/users/${DFNS_SEED_USER}`)).status);
    }
  });

  it("a failed archive leaves the user in place: a later answered view still finds it", async () => {
    const server = await start("intercom", { failRate: 0.5, seed: 7 });
    let failedArchives = 0;
    let archivedStatus = 0;
    for (let attempt = 0; attempt < 50 && archivedStatus !== 200; attempt++) {
      archivedStatus = (await call(server, "DELETE", `/users/${JOE.id}`)).status;
      if (archivedStatus === 200) break;
      expect([429, 500]).toContain(archivedStatus);
      failedArchives++;
      let viewed = 0;
      for (let view = 0; view < 50 && viewed !== 200 && viewed !== 404; view++) viewed = (await call(server, "GET", `/users/${JOE.id}`)).status;
      expect(viewed, "the user is still there after a failed archive").toBe(200);
    }
    expect(archivedStatus).toBe(200);
    expect(failedArchives).toBeGreaterThan(0);
  });

  it("the same seed and requests give the same failures; another seed others", async () => {
    const sequence = async (seed: number) => {
      const server = await start("intercom", { failRate: 0.5, seed });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call(server, "GET", `/users/${JOE.id}`)).status);
      return statuses;
    };
    const first = await sequence(7);
    expect(await sequence(7)).toEqual(first);
    expect(first).toContain(200);
    expect(first.some((status) => status !== 200)).toBe(true);
    expect(await sequence(8)).not.toEqual(first);
  });

  it.each([
    [{ latencyMs: 10_001 }, /latency must be a whole number of milliseconds from 0 to 10000/],
    [{ latencyMs: -1 }, /latency must be/],
    [{ failRate: 1.5 }, /fail rate must be from 0 to 1/],
    [{ failRate: Number.NaN }, /fail rate must be/],
    [{ seed: 2 ** 32 }, /seed must be a whole number/],
    [{ seed: 1.5 }, /seed must be/],
  ])("startReferenceServer refuses %j", async (options, message) => {
    await expect(startReferenceServer({ api: "intercom", ...options })).rejects.toThrow(message);
  });
});
