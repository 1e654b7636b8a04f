import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { createDfnsClient, createKeySigner, startReferenceServer, type ReferenceServer } from "../../src/index.js";
import { checkedReferences, send, type Reply } from "../helpers/reference-http.js";

// CORS, the admin endpoints and the request log of the stateful reference servers, over HTTP.

const PAGE = "http://localhost:5173";
const INTERCOM_TOKEN = "test-only-intercom-token";
const DFNS_TOKEN = "test-only-dfns-admin-token";
const JOE = { id: "5714dd359a3fd47136000001", user_id: "25" };
const DFNS_USER = "us-2mhcm-9r90a-92ran47bjpl60hmv";

/** What a state-changing admin request must carry: a content type no page can send without a preflight. */
const ADMIN_JSON = { "Content-Type": "application/json" };

const start = checkedReferences();

const preflight = (server: ReferenceServer, path: string, method: string, requestHeaders: string, origin = PAGE) =>
  send(server, "OPTIONS", path, { Origin: origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": requestHeaders });

const list = (value: string | string[] | undefined) => String(value ?? "").split(",").map((item) => item.trim().toLowerCase()).filter(Boolean);

const intercomAuth = { Authorization: `Bearer ${INTERCOM_TOKEN}`, Accept: "application/json" };

function dfnsClient(server: ReferenceServer) {
  return createDfnsClient({
    baseUrl: server.url,
    token: DFNS_TOKEN,
    signer: createKeySigner({ credId: server.credentials.credentialId!, privateKey: readFileSync(server.credentials.privateKeyFile!, "utf8") }),
  });
}

describe("CORS preflights", () => {
  it("Intercom: 204 for any origin, every documented method and request header, without credentials", async () => {
    const server = await start({ api: "intercom" });
    const reply = await preflight(server, "/users", "DELETE", "authorization, accept, intercom-version, content-type");
    expect(reply.status).toBe(204);
    expect(reply.headers["access-control-allow-origin"]).toBe(PAGE);
    expect(list(reply.headers.vary)).toContain("origin");
    expect(list(reply.headers["access-control-allow-methods"])).toEqual(expect.arrayContaining(["get", "post", "delete"]));
    expect(list(reply.headers["access-control-allow-headers"])).toEqual(expect.arrayContaining(["authorization", "content-type", "accept", "intercom-version"]));
    expect(Number(reply.headers["access-control-max-age"])).toBeGreaterThan(0);
    // Pages send Authorization explicitly: no cookies, so credentialed CORS is not offered.
    expect(reply.headers["access-control-allow-credentials"]).toBeUndefined();
    // Another origin is echoed just the same.
    expect((await preflight(server, `/users/${JOE.id}`, "DELETE", "authorization", "https://app.example.test")).headers["access-control-allow-origin"]).toBe("https://app.example.test");
  });

  it("Dfns: 204 naming the user action header, the legacy headers and the SDK's version header", async () => {
    const server = await start({ api: "dfns" });
    const reply = await preflight(server, `/auth/users/${DFNS_USER}`, "DELETE", "authorization, content-type, x-dfns-useraction");
    expect(reply.status).toBe(204);
    expect(reply.headers["access-control-allow-origin"]).toBe(PAGE);
    expect(list(reply.headers["access-control-allow-methods"])).toEqual(expect.arrayContaining(["get", "post", "put", "delete"]));
    expect(list(reply.headers["access-control-allow-headers"])).toEqual(
      expect.arrayContaining(["authorization", "content-type", "accept", "x-dfns-useraction", "x-dfns-appid", "x-dfns-nonce", "x-dfns-sdk-version"]),
    );
  });

  it("are not rate limited: ten preflights leave a limit of 2 untouched; the admin endpoints neither count nor are refused", async () => {
    const server = await start({ api: "intercom", rateLimit: { limit: 2, windowSeconds: 60 } });
    for (let i = 0; i < 10; i++) expect((await preflight(server, "/users", "GET", "authorization")).status).toBe(204);
    const first = await send(server, "GET", "/users", intercomAuth);
    expect([first.status, first.headers["x-ratelimit-remaining"]]).toEqual([200, "1"]);
    expect((await send(server, "GET", "/users", intercomAuth)).status).toBe(200);
    expect((await send(server, "GET", "/users", intercomAuth)).status).toBe(429);
    expect((await preflight(server, "/users", "GET", "authorization")).status).toBe(204);
    expect((await send(server, "GET", "/__archive-kit/state")).status).toBe(200);
    // A reset forgets the rate-limit windows too.
    expect((await send(server, "POST", "/__archive-kit/reset", ADMIN_JSON)).status).toBe(204);
    expect((await send(server, "GET", "/users", intercomAuth)).status).toBe(200);
  });
});

describe("CORS on actual responses", () => {
  it("an Intercom archive lets the page read the documented response headers", async () => {
    const server = await start({ api: "intercom" });
    const reply = await send(server, "DELETE", `/users?user_id=${JOE.user_id}`, { ...intercomAuth, Origin: PAGE });
    expect(reply.status).toBe(200);
    expect(reply.headers["access-control-allow-origin"]).toBe(PAGE);
    expect(list(reply.headers["access-control-expose-headers"])).toEqual(
      expect.arrayContaining(["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "www-authenticate", "allow"]),
    );
    expect(reply.headers["x-ratelimit-remaining"]).toBeDefined();
  });

  it("errors carry them too: a Dfns 401 and an Intercom 405", async () => {
    const dfns = await start({ api: "dfns" });
    const unauthorized = await send(dfns, "GET", `/auth/users/${DFNS_USER}`, { Origin: PAGE });
    expect([unauthorized.status, unauthorized.headers["access-control-allow-origin"]]).toEqual([401, PAGE]);
    const intercom = await start({ api: "intercom" });
    const notAllowed = await send(intercom, "PATCH", "/users", { ...intercomAuth, Origin: PAGE });
    expect([notAllowed.status, notAllowed.headers["access-control-allow-origin"]]).toEqual([405, PAGE]);
    expect(list(notAllowed.headers["access-control-expose-headers"])).toContain("allow");
  });

  it("restricted origins: another origin gets no CORS headers and its preflight is answered as without CORS", async () => {
    const server = await start({ api: "intercom", cors: { origins: ["HTTP://LOCALHOST:5173/", "https://app.example.test"] } });
    expect((await preflight(server, "/users", "DELETE", "authorization")).headers["access-control-allow-origin"]).toBe(PAGE);
    const other = await preflight(server, "/users", "DELETE", "authorization", "http://localhost:3000");
    expect(other.status).toBe(405);
    expect(Object.keys(other.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
    const archive = await send(server, "DELETE", `/users?user_id=${JOE.user_id}`, { ...intercomAuth, Origin: "http://localhost:3000" });
    expect(archive.status).toBe(200);
    expect(Object.keys(archive.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
  });

  it("cors: false sends no CORS headers and OPTIONS is the API's 405 as before", async () => {
    const server = await start({ api: "dfns", cors: false });
    const reply = await preflight(server, `/auth/users/${DFNS_USER}`, "DELETE", "authorization, x-dfns-useraction");
    expect(reply.status).toBe(405);
    expect(reply.body).toEqual({ error: { message: expect.stringContaining("Method not allowed") } });
    expect(Object.keys(reply.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
    const get = await send(server, "GET", `/auth/users/${DFNS_USER}`, { Origin: PAGE, Authorization: `Bearer ${DFNS_TOKEN}` });
    expect(get.status).toBe(200);
    expect(get.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("an origin that is not one is refused when the server starts", async () => {
    await expect(startReferenceServer({ api: "intercom", cors: { origins: ["localhost:5173/app"] } })).rejects.toThrow(/CORS origin "localhost:5173\/app" is not an origin/);
  });
});

describe("admin endpoints", () => {
  it("Intercom: state shows an archive and a created user; reset brings the fixtures back", async () => {
    const server = await start({ api: "intercom" });
    expect((await send(server, "DELETE", `/users/${JOE.id}`, intercomAuth)).status).toBe(200);
    const created = await new Promise<Reply>((resolve, reject) => {
      const outgoing = httpRequest(`${server.url}/users`, { method: "POST", headers: { ...intercomAuth, "Content-Type": "application/json" } }, (incoming) => {
        let text = "";
        incoming.on("data", (chunk: Buffer) => (text += chunk.toString()));
        incoming.on("end", () => resolve({ status: incoming.statusCode!, headers: incoming.headers, body: JSON.parse(text) }));
      });
      outgoing.on("error", reject);
      outgoing.end(JSON.stringify({ email: "new-person@example.com" }));
    });
    expect(created.status).toBe(200);

    const state = await send(server, "GET", "/__archive-kit/state", { Origin: PAGE });
    expect(state.status).toBe(200);
    expect(state.headers["access-control-allow-origin"]).toBe(PAGE);
    const entry = (id: string) => (state.body.users as Array<{ archived: boolean; user: { id: string } }>).find((candidate) => candidate.user.id === id);
    expect(entry(JOE.id)?.archived).toBe(true);
    expect(entry(created.body.id)?.archived).toBe(false);
    expect(JSON.stringify(state.body)).not.toContain(INTERCOM_TOKEN);

    const reset = await send(server, "POST", "/__archive-kit/reset", { Origin: PAGE, ...ADMIN_JSON });
    expect([reset.status, reset.headers["access-control-allow-origin"]]).toEqual([204, PAGE]);
    const after = await send(server, "GET", "/__archive-kit/state");
    expect((after.body.users as Array<{ archived: boolean; user: { id: string } }>).map((candidate) => [candidate.user.id, candidate.archived])).toContainEqual([JOE.id, false]);
    expect(JSON.stringify(after.body)).not.toContain(created.body.id);
    expect((await send(server, "GET", `/users/${JOE.id}`, intercomAuth)).status).toBe(200);
  });

  it("Dfns: state shows an archive and pending challenges (never a token or key); reset clears both", async () => {
    const server = await start({ api: "dfns" });
    const client = dfnsClient(server);
    expect((await client.DELETE("/auth/users/{userId}", { params: { path: { userId: DFNS_USER } }, body: {} })).response.status).toBe(200);
    const init = await send(server, "GET", "/__archive-kit/state");
    expect(init.body.pending).toEqual({ challenges: 0, userActions: 0 });
    // An init nobody signs leaves one challenge pending.
    await client.POST("/auth/action/init", { body: { userActionHttpMethod: "DELETE", userActionHttpPath: `/auth/users/${DFNS_USER}`, userActionPayload: "{}" } });

    const state = await send(server, "GET", "/__archive-kit/state");
    expect(state.body.pending).toEqual({ challenges: 1, userActions: 0 });
    const archived = (state.body.users as Array<{ archived: boolean; user: { userId: string; isActive: boolean } }>).find((entry) => entry.user.userId === DFNS_USER);
    expect(archived).toMatchObject({ archived: true, user: { isActive: false } });
    const text = JSON.stringify(state.body);
    for (const secret of [DFNS_TOKEN, "PRIVATE KEY", "test-only-dfns"]) expect(text).not.toContain(secret);

    expect((await send(server, "POST", "/__archive-kit/reset", ADMIN_JSON)).status).toBe(204);
    const after = await send(server, "GET", "/__archive-kit/state");
    expect(after.body.pending).toEqual({ challenges: 0, userActions: 0 });
    expect((await send(server, "GET", `/auth/users/${DFNS_USER}`, { Authorization: `Bearer ${DFNS_TOKEN}` })).body).toMatchObject({ userId: DFNS_USER, isActive: true });
  });

  it("startReferenceServer's reset() does what POST /__archive-kit/reset does", async () => {
    const server = await start({ api: "intercom" });
    expect((await send(server, "DELETE", `/users/${JOE.id}`, intercomAuth)).status).toBe(200);
    expect((await send(server, "GET", `/users/${JOE.id}`, intercomAuth)).status).toBe(404);
    server.reset();
    expect((await send(server, "GET", `/users/${JOE.id}`, intercomAuth)).status).toBe(200);
    expect(server.state()).toEqual((await send(server, "GET", "/__archive-kit/state")).body);
  });

  it.each([
    ["intercom", { type: "error.list", errors: [{ code: "not_found" }] }, { type: "error.list", errors: [{ code: "method_not_allowed" }] }],
    ["dfns", { error: { message: "Route not found" } }, { error: { message: expect.stringContaining("Method not allowed") } }],
  ] as const)("%s: an unknown admin path is the API's 404, a wrong method its 405 with Allow", async (api, notFound, notAllowed) => {
    const server = await start({ api });
    for (const path of ["/__archive-kit", "/__archive-kit/", "/__archive-kit/users", "/__archive-kit/state/x"]) {
      const reply = await send(server, "GET", path);
      expect([path, reply.status]).toEqual([path, 404]);
      expect(reply.body).toMatchObject(notFound);
    }
    const wrong = await send(server, "DELETE", "/__archive-kit/state");
    expect([wrong.status, wrong.headers.allow]).toEqual([405, "GET"]);
    expect(wrong.body).toMatchObject(notAllowed);
    expect((await send(server, "GET", "/__archive-kit/reset")).headers.allow).toBe("POST");
    expect((await preflight(server, "/__archive-kit/reset", "POST", "content-type")).status).toBe(204);
  });
});

describe("request log", () => {
  it("one line per request: method, path, status, milliseconds", async () => {
    const lines: string[] = [];
    const server = await start({ api: "intercom", log: (line) => lines.push(line) });
    await send(server, "DELETE", `/users?user_id=${JOE.user_id}`, intercomAuth);
    await preflight(server, "/users", "DELETE", "authorization");
    await send(server, "POST", "/__archive-kit/reset", ADMIN_JSON);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^DELETE \/users\?user_id=25 200 \d+ ms$/);
    expect(lines[1]).toMatch(/^OPTIONS \/users 204 \d+ ms$/);
    expect(lines[2]).toMatch(/^POST \/__archive-kit\/reset 204 \d+ ms$/);
  });

  it("never prints a credential: headers, undocumented query parameters, a token repeated in the path", async () => {
    const lines: string[] = [];
    const intercom = await start({ api: "intercom", log: (line) => lines.push(line) });
    await send(intercom, "GET", `/users/${INTERCOM_TOKEN}?access_token=query-secret-1234&user_id=25`, intercomAuth);
    await send(intercom, "GET", "/users?api_key=another-secret-5678", { Authorization: `Basic ${Buffer.from(`${INTERCOM_TOKEN}:`).toString("base64")}` });
    const dfns = await start({ api: "dfns", log: (line) => lines.push(line) });
    await send(dfns, "DELETE", `/auth/users/${DFNS_USER}`, { Authorization: `Bearer ${DFNS_TOKEN}`, "X-DFNS-USERACTION": "user-action-secret-9999" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = lines.join("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const secret of [INTERCOM_TOKEN, "query-secret-1234", "another-secret-5678", DFNS_TOKEN, "user-action-secret-9999", "Bearer", "Basic"]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatch(/^GET \/users\/\[redacted\]\?\[redacted\]&user_id=25 404 \d+ ms$/);
    expect(lines[1]).toMatch(/^GET \/users\?\[redacted\] 200 \d+ ms$/);
  });
});
