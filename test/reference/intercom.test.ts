import { afterEach, describe, expect, it } from "vitest";
import { createIntercomClient, type ReferenceServer } from "../../src/index.js";
import { useReferenceTransport } from "../helpers/reference-transport.js";
import { shippedContract } from "../helpers/contracts.js";
import { send, type Reply } from "../helpers/reference-http.js";

const startReferenceServer = useReferenceTransport();

// ---------------------------------------------------------------- helpers

/** The fixed clock of every server (ms): 2024-01-01T00:00:00Z; tests move it, never sleep. */
const T0 = Date.UTC(2024, 0, 1);
const T0_SECONDS = T0 / 1000;

const TOKEN = "test-only-intercom-token";
const TOKEN_2 = "test-only-intercom-token-2";

const JOE = { id: "5714dd359a3fd47136000001", user_id: "25", email: "email@example.com" };
const WASH = { id: "5321a20f72cdbb4192000013", user_id: "1", email: "wash@example.com" };
const FIXTURE_IDS = [
  "5714dd359a3fd47136000001",
  "5321a20f72cdbb4192000013",
  "56e1e5d4a40df1cc57000101",
  "596d3bfdd45d2162b28560ea",
  "5310d8e8598c9a0b24000005",
  "5a0c1e2d3f4b5c6d7e8f9012",
  "5a0c1e2d3f4b5c6d7e8f9013",
];

const bearer = (token: string) => `Bearer ${token}`;
const basic = (userAndPassword: string) => `Basic ${Buffer.from(userAndPassword).toString("base64")}`;

interface Started {
  server: ReferenceServer;
  /** The server's clock in ms; assign to move time. */
  clock: { now: number };
}

const running: ReferenceServer[] = [];
afterEach(async () => {
  const servers = running.splice(0);
  await Promise.all(servers.map((server) => server.close()));
  for (const server of servers) expect(server.violations).toEqual([]);
});

/** A fresh Intercom reference server (state is per server) that checks every response against the contract. */
async function start(options: { rateLimit?: { limit: number; windowSeconds: number } } = {}): Promise<Started> {
  const clock = { now: T0 };
  const server = await startReferenceServer({ api: "intercom", checkResponses: true, now: () => clock.now, ...options });
  running.push(server);
  return { server, clock };
}


/**
 * One real HTTP request through node:http (unlike fetch, it adds no `Accept` of its own).
 * Sends `Authorization: Bearer <fixture token>` and `Accept: application/json` unless overridden;
 * a header given as `undefined` is left out. An object body is sent as JSON, a string as is.
 */
function call(
  server: ReferenceServer,
  method: string,
  path: string,
  options: { headers?: Record<string, string | undefined>; body?: unknown } = {},
): Promise<Reply> {
  const text = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const merged: Record<string, string | undefined> = {
    authorization: bearer(server.credentials.token),
    accept: "application/json",
    ...(text === undefined ? {} : { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) }),
    ...options.headers,
  };
  const headers = Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return send(server, method, path, headers, text);
}

/** An `error.list` with one error of this code (and message, and field), and a non-empty request id. */
function errorList(code: string, message?: string | RegExp, field?: string) {
  const error: Record<string, unknown> = { code };
  if (message !== undefined) error.message = typeof message === "string" ? message : expect.stringMatching(message);
  if (field !== undefined) error.field = field;
  return { type: "error.list", request_id: expect.stringMatching(/^\S+$/), errors: [expect.objectContaining(error)] };
}

const NOT_FOUND = errorList("not_found", "User Not Found");

async function documentedExample(name: string) {
  const contract = await shippedContract("intercom");
  const example = contract.document.components?.examples?.[name] as { value: Record<string, unknown> } | undefined;
  if (!example) throw new Error(`openapi/intercom.yaml has no example ${name}`);
  return example.value;
}

function rateHeaders(reply: Reply) {
  return {
    limit: reply.headers["x-ratelimit-limit"],
    remaining: reply.headers["x-ratelimit-remaining"],
    reset: reply.headers["x-ratelimit-reset"],
  };
}

// ---------------------------------------------------------------- 1. authentication

describe("authentication", () => {
  it.each([
    ["Bearer <token>", bearer(TOKEN)],
    ["Bearer <second token>", bearer(TOKEN_2)],
    ["Basic <token>: (empty password)", basic(`${TOKEN}:`)],
    ["lower-case scheme", `bearer ${TOKEN}`],
  ])("accepts %s", async (_how, authorization) => {
    const { server } = await start();
    const reply = await call(server, "GET", `/users/${JOE.id}`, { headers: { authorization } });
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe(JOE.id);
  });

  it.each([
    ["no Authorization header", undefined],
    ["an empty Authorization header", ""],
    ["an unknown Bearer token", bearer("not-a-token")],
    ["Basic with a non-empty password", basic(`${TOKEN}:secret`)],
    ["Basic without the colon", basic(TOKEN)],
    ["Basic with the token as password", basic(`:${TOKEN}`)],
    ["Bearer without credentials", "Bearer"],
    ["another scheme", `Token ${TOKEN}`],
  ])("answers %s with 401, an error.list, WWW-Authenticate and the rate headers", async (_how, authorization) => {
    const { server } = await start();
    const reply = await call(server, "DELETE", "/users?user_id=25", { headers: { authorization } });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(errorList("unauthorized", "Access Token Invalid"));
    expect(reply.headers["www-authenticate"]).toBe('Basic realm="intercom.io"');
    expect(rateHeaders(reply)).toEqual({ limit: "500", remaining: "500", reset: String(T0_SECONDS + 60) });
    // Nothing was archived, and the refused request did not count against the real token.
    const after = await call(server, "GET", "/users?user_id=25");
    expect(after.status).toBe(200);
    expect(after.headers["x-ratelimit-remaining"]).toBe("499");
  });
});

// ---------------------------------------------------------------- 2. archiving

describe("archiving a user", () => {
  it("by id answers 200 with the full documented user, every field of the contract's User present", async () => {
    const { server } = await start();
    const example = await documentedExample("ArchivedJoeExample");
    const reply = await call(server, "DELETE", `/users/${JOE.id}`);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(Object.keys(example).sort());
    // The archive stamps updated_at with the server's clock; everything else is the documented user.
    expect(reply.body).toEqual({ ...example, updated_at: T0_SECONDS });
  });

  it.each([
    ["by id", `/users/${JOE.id}`],
    ["by user_id", "/users?user_id=25"],
    ["by email (URL-encoded @)", "/users?email=email%40example.com"],
    ["by email (other case)", "/users?email=EMAIL%40Example.COM"],
    ["by email (literal @)", "/users?email=email@example.com"],
  ])("%s answers 200 with the user; afterwards every lookup of that user is a 404", async (_how, path) => {
    const { server } = await start();
    const reply = await call(server, "DELETE", path);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ type: "user", ...JOE, name: "Joe Example", phone: "555671243" });

    for (const [method, after] of [
      ["GET", `/users/${JOE.id}`],
      ["GET", "/users?user_id=25"],
      ["DELETE", `/users/${JOE.id}`],
      ["DELETE", "/users?user_id=25"],
      ["DELETE", "/users?email=email%40example.com"],
    ] as const) {
      const again = await call(server, method, after);
      expect(again.status, `${method} ${after}`).toBe(404);
      expect(again.body, `${method} ${after}`).toEqual(NOT_FOUND);
    }
    const byEmail = await call(server, "GET", "/users?email=email%40example.com");
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toMatchObject({ type: "user.list", total_count: 0, users: [] });
  });

  it("archives only the addressed user", async () => {
    const { server } = await start();
    expect((await call(server, "DELETE", "/users?user_id=25")).status).toBe(200);
    const wash = await call(server, "GET", `/users/${WASH.id}`);
    expect(wash.status).toBe(200);
    const all = await call(server, "GET", "/users");
    expect(all.body.users.map((user: { id: string }) => user.id).sort()).toEqual(FIXTURE_IDS.filter((id) => id !== JOE.id).sort());
  });

  it("answers an unknown user with 404 not_found", async () => {
    const { server } = await start();
    for (const path of ["/users/000000000000000000000000", "/users?user_id=nobody", "/users?email=nobody%40example.com"]) {
      const reply = await call(server, "DELETE", path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).toEqual(NOT_FOUND);
    }
  });
});

// ---------------------------------------------------------------- 3. create or update

describe("create or update (POST /users)", () => {
  it.each([
    ["the same user_id", { user_id: "25" }],
    ["the same email", { email: "email@example.com" }],
    ["the same email in another case", { email: "Email@EXAMPLE.com" }],
  ])("with %s unarchives the archived user: same id, data restored", async (_how, body) => {
    const { server, clock } = await start();
    expect((await call(server, "DELETE", `/users/${JOE.id}`)).status).toBe(200);
    clock.now = T0 + 5_000;

    const reply = await call(server, "POST", "/users", { body });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ...JOE, name: "Joe Example", phone: "555671243", created_at: 1460985141, updated_at: T0_SECONDS + 5 });

    const again = await call(server, "GET", `/users/${JOE.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(reply.body);
    expect((await call(server, "GET", "/users?email=email%40example.com")).body.total_count).toBe(1);
  });

  it("ignores fields the contract does not let a client set, instead of storing them over the user's own", async () => {
    const { server } = await start();
    const reply = await call(server, "POST", "/users", { body: { user_id: "25", type: "nope", anonymous: "x", created_at: 1, name: "Joseph" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ type: "user", anonymous: false, created_at: 1460985141, name: "Joseph" });
  });

  it("lower-cases an e-mail without letting it outgrow 255 characters", async () => {
    const { server } = await start();
    const reply = await call(server, "POST", "/users", { body: { user_id: "dotted", email: `${"İ".repeat(250)}@A.CO` } });
    expect(reply.status).toBe(200);
    expect(reply.body.email).toBe(`${"İ".repeat(250)}@a.co`);
  });

  it("updates an unarchived user found by user_id", async () => {
    const { server } = await start();
    const reply = await call(server, "POST", "/users", { body: { user_id: "1", name: "Wash", custom_attributes: { pilot: true } } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ...WASH, name: "Wash", custom_attributes: { pilot: true } });
    expect((await call(server, "GET", "/users?user_id=1")).body.name).toBe("Wash");
  });

  it("with new identifiers creates a user with a new 24-hex id, e-mail lower-cased", async () => {
    const { server } = await start();
    const reply = await call(server, "POST", "/users", { body: { user_id: "new-1", email: "New.User@Example.com", name: "New User" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      type: "user",
      user_id: "new-1",
      email: "new.user@example.com",
      name: "New User",
      app_id: "ecahpwf5",
      created_at: T0_SECONDS,
      updated_at: T0_SECONDS,
    });
    expect(reply.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(reply.body.id.slice(0, 8)).toBe(T0_SECONDS.toString(16));
    expect(FIXTURE_IDS).not.toContain(reply.body.id);

    const viewed = await call(server, "GET", `/users/${reply.body.id}`);
    expect(viewed.status).toBe(200);
    expect(viewed.body).toEqual(reply.body);
    expect((await call(server, "GET", "/users")).body.total_count).toBe(FIXTURE_IDS.length + 1);
  });

  it.each([
    ["neither user_id nor email", { name: "Nobody" }],
    ["an empty object", {}],
  ])("answers a body with %s with 400 and creates nobody", async (_how, body) => {
    const { server } = await start();
    const reply = await call(server, "POST", "/users", { body });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(
      errorList(
        "parameter_invalid",
        "createOrUpdateUser: body/user_id is required but missing; body/email is required but missing; body must match a schema in anyOf",
        "user_id",
      ),
    );
    expect((await call(server, "GET", "/users")).body.total_count).toBe(FIXTURE_IDS.length);
  });

  it("answers an email several unarchived users share with 409 conflict", async () => {
    const { server } = await start();
    const reply = await call(server, "POST", "/users", { body: { email: "shared@example.com", name: "Changed" } });
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual(errorList("conflict", "Multiple existing users with this email address."));
    const shared = await call(server, "GET", "/users?email=shared%40example.com");
    expect(shared.body.users.map((user: { name: string }) => user.name).sort()).toEqual(["Shared One", "Shared Two"]);
  });
});

// ---------------------------------------------------------------- 4. permanent delete

describe("permanent delete (POST /user_delete_requests)", () => {
  it("answers 200 with an integer request id; the user is gone for good", async () => {
    const { server } = await start();
    const first = await call(server, "POST", "/user_delete_requests", { body: { intercom_user_id: JOE.id } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: 1 });
    const second = await call(server, "POST", "/user_delete_requests", { body: { intercom_user_id: WASH.id } });
    expect(second.body).toEqual({ id: 2 });

    for (const [method, path] of [
      ["GET", `/users/${JOE.id}`],
      ["GET", "/users?user_id=25"],
      ["DELETE", `/users/${JOE.id}`],
    ] as const) {
      const after = await call(server, method, path);
      expect(after.status, `${method} ${path}`).toBe(404);
      expect(after.body, `${method} ${path}`).toEqual(NOT_FOUND);
    }
    const again = await call(server, "POST", "/user_delete_requests", { body: { intercom_user_id: JOE.id } });
    expect(again.status).toBe(404);
    expect(again.body).toEqual(NOT_FOUND);

    // Re-creating with the same user_id makes a new user: nothing is restored.
    const recreated = await call(server, "POST", "/users", { body: { user_id: "25" } });
    expect(recreated.status).toBe(200);
    expect(recreated.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(recreated.body.id).not.toBe(JOE.id);
    expect(recreated.body).toMatchObject({ user_id: "25", email: null, name: null, phone: null, created_at: T0_SECONDS });
  });

  it("deletes an archived user too", async () => {
    const { server } = await start();
    expect((await call(server, "DELETE", "/users?user_id=25")).status).toBe(200);
    const reply = await call(server, "POST", "/user_delete_requests", { body: { intercom_user_id: JOE.id } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: 1 });
    // An archived user would be restored by create-or-update; a deleted one is not.
    const recreated = await call(server, "POST", "/users", { body: { user_id: "25", email: "email@example.com" } });
    expect(recreated.status).toBe(200);
    expect(recreated.body.id).not.toBe(JOE.id);
    expect(recreated.body.name).toBeNull();
  });

  it("answers an unknown id with 404 not_found", async () => {
    const { server } = await start();
    const reply = await call(server, "POST", "/user_delete_requests", { body: { intercom_user_id: "000000000000000000000000" } });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual(NOT_FOUND);
  });
});

// ---------------------------------------------------------------- 5. viewing

describe("viewing users", () => {
  it("by id and by user_id answers the documented user", async () => {
    const { server } = await start();
    const joe = await documentedExample("JoeExample");
    for (const path of [`/users/${JOE.id}`, "/users?user_id=25"]) {
      const reply = await call(server, "GET", path);
      expect(reply.status, path).toBe(200);
      expect(reply.body, path).toEqual(joe);
    }
  });

  it("by email answers a user.list holding the user (any case)", async () => {
    const { server } = await start();
    const joe = await documentedExample("JoeExample");
    const reply = await call(server, "GET", "/users?email=EMAIL%40example.com");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      type: "user.list",
      total_count: 1,
      pages: { type: "pages", next: null, page: 1, per_page: 50, total_pages: 1 },
      users: [joe],
    });
  });

  it("by an email several users share lists them all", async () => {
    const { server } = await start();
    const reply = await call(server, "GET", "/users?email=shared%40example.com");
    expect(reply.status).toBe(200);
    expect(reply.body.total_count).toBe(2);
    expect(reply.body.users.map((user: { user_id: string }) => user.user_id).sort()).toEqual(["shared-1", "shared-2"]);
  });

  it("by an email nobody holds answers the documented empty list, not a 404", async () => {
    const { server } = await start();
    const reply = await call(server, "GET", "/users?email=nobody%40example.com");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(await documentedExample("EmptyUserList"));
  });

  it("by an unknown id or user_id answers 404 not_found", async () => {
    const { server } = await start();
    for (const path of ["/users/000000000000000000000000", "/users?user_id=nobody"]) {
      const reply = await call(server, "GET", path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).toEqual(NOT_FOUND);
    }
  });

  it("without a query lists every unarchived user", async () => {
    const { server } = await start();
    const before = await call(server, "GET", "/users");
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ type: "user.list", total_count: 7, pages: { type: "pages", page: 1, total_pages: 1 } });
    expect(before.body.users.map((user: { id: string }) => user.id).sort()).toEqual([...FIXTURE_IDS].sort());

    await call(server, "DELETE", `/users/${WASH.id}`);
    const after = await call(server, "GET", "/users");
    expect(after.body.total_count).toBe(6);
    expect(after.body.users.map((user: { id: string }) => user.id)).not.toContain(WASH.id);
  });
});

// ---------------------------------------------------------------- 6. rate limit

describe("rate limit", () => {
  it("sends X-RateLimit-* on every response: the default 500 a minute, remaining counting down, reset in Unix seconds", async () => {
    const { server } = await start();
    const requests: Array<[string, string, number, unknown?]> = [
      ["GET", `/users/${JOE.id}`, 200],
      ["GET", "/users?email=nobody%40example.com", 200],
      ["GET", "/users/000000000000000000000000", 404],
      ["DELETE", "/users", 400],
      ["DELETE", "/users?email=shared%40example.com", 409],
      ["POST", "/users", 200, { user_id: "rate" }],
      ["POST", "/user_delete_requests", 404, { intercom_user_id: "nobody" }],
      ["DELETE", `/users/${JOE.id}`, 200],
    ];
    for (const [i, [method, path, status, body]] of requests.entries()) {
      const reply = await call(server, method, path, { body });
      expect(reply.status, `${method} ${path}`).toBe(status);
      expect(rateHeaders(reply), `${method} ${path}`).toEqual({ limit: "500", remaining: String(499 - i), reset: String(T0_SECONDS + 60) });
    }
    const refused = await call(server, "GET", "/users", { headers: { accept: "text/html" } });
    expect(refused.status).toBe(406);
    expect(rateHeaders(refused)).toEqual({ limit: "500", remaining: String(499 - requests.length), reset: String(T0_SECONDS + 60) });
  });

  it("answers the request past the limit with 429 for that token only, until the window ends", async () => {
    const { server, clock } = await start({ rateLimit: { limit: 3, windowSeconds: 60 } });
    for (const remaining of ["2", "1", "0"]) {
      const reply = await call(server, "GET", `/users/${JOE.id}`);
      expect(reply.status).toBe(200);
      expect(rateHeaders(reply)).toEqual({ limit: "3", remaining, reset: String(T0_SECONDS + 60) });
    }
    const limited = await call(server, "DELETE", `/users/${JOE.id}`);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(errorList("rate_limit_exceeded", "Exceeded rate limit of 3 in 60_seconds"));
    expect(rateHeaders(limited)).toEqual({ limit: "3", remaining: "0", reset: String(T0_SECONDS + 60) });

    const other = await call(server, "GET", `/users/${JOE.id}`, { headers: { authorization: bearer(TOKEN_2) } });
    expect(other.status).toBe(200);
    expect(other.headers["x-ratelimit-remaining"]).toBe("2");

    clock.now = T0 + 59_999;
    expect((await call(server, "GET", `/users/${JOE.id}`)).status).toBe(429);

    clock.now = T0 + 60_000;
    const restored = await call(server, "DELETE", `/users/${JOE.id}`);
    expect(restored.status).toBe(200);
    expect(rateHeaders(restored)).toEqual({ limit: "3", remaining: "2", reset: String(T0_SECONDS + 120) });
  });

  it("counts Bearer and Basic uses of one token against the same window", async () => {
    const { server } = await start({ rateLimit: { limit: 2, windowSeconds: 60 } });
    expect((await call(server, "GET", "/users")).status).toBe(200);
    expect((await call(server, "GET", "/users", { headers: { authorization: basic(`${TOKEN}:`) } })).status).toBe(200);
    expect((await call(server, "GET", "/users")).status).toBe(429);
  });
});

// ---------------------------------------------------------------- 7. content negotiation, request ids

describe("content negotiation", () => {
  it.each([
    ["no Accept header", undefined],
    ["*/*", "*/*"],
    ["application/json", "application/json"],
    ["application/json; charset=utf-8", "application/json; charset=utf-8"],
    ["application/json;charset=UTF-8", "application/json;charset=UTF-8"],
    ["application/*", "application/*"],
    ["text/html, application/json;q=0.5", "text/html, application/json;q=0.5"],
  ])("accepts %s", async (_how, accept) => {
    const { server } = await start();
    const reply = await call(server, "GET", `/users/${JOE.id}`, { headers: { accept } });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(reply.body.id).toBe(JOE.id);
  });

  it.each([
    ["text/html", "text/html"],
    ["application/xml", "application/xml"],
    ["application/json;q=0", "application/json;q=0"],
  ])("answers Accept: %s with 406 and archives nobody", async (_how, accept) => {
    const { server } = await start();
    const reply = await call(server, "DELETE", `/users/${JOE.id}`, { headers: { accept } });
    expect(reply.status).toBe(406);
    expect(reply.body).toEqual(errorList("bad_request", "Accept header must be application/json"));
    expect((await call(server, "GET", `/users/${JOE.id}`)).status).toBe(200);
  });
});

describe("error bodies", () => {
  it.each([
    ["401", "GET", "/users", { headers: { authorization: undefined } }, 401],
    ["400", "DELETE", "/users", {}, 400],
    ["404", "GET", "/users/nobody", {}, 404],
    ["404 (undocumented path)", "GET", "/contacts", {}, 404],
    ["405", "PATCH", `/users/${JOE.id}`, {}, 405],
    ["406", "GET", "/users", { headers: { accept: "text/html" } }, 406],
    ["409", "DELETE", "/users?email=shared%40example.com", {}, 409],
  ] as const)("carry a request_id in the %s error.list, a new one each time", async (_label, method, path, options, status) => {
    const { server } = await start();
    const first = await call(server, method, path, options);
    const second = await call(server, method, path, options);
    expect([first.status, second.status]).toEqual([status, status]);
    for (const reply of [first, second]) {
      expect(reply.body.type).toBe("error.list");
      expect(typeof reply.body.request_id).toBe("string");
      expect(reply.body.request_id.length).toBeGreaterThan(0);
    }
    expect(first.body.request_id).not.toBe(second.body.request_id);
  });
});

// ---------------------------------------------------------------- 8. conflict

describe("an email several unarchived users share", () => {
  it("answers DELETE /users?email= with 409 conflict and archives nobody", async () => {
    const { server } = await start();
    const reply = await call(server, "DELETE", "/users?email=shared%40example.com");
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual(errorList("conflict", "Multiple existing users with this email address."));
    const shared = await call(server, "GET", "/users?email=shared%40example.com");
    expect(shared.body.total_count).toBe(2);
  });

  it("addresses the one user left once the other is archived by user_id", async () => {
    const { server } = await start();
    expect((await call(server, "DELETE", "/users?user_id=shared-1")).status).toBe(200);
    const reply = await call(server, "DELETE", "/users?email=shared%40example.com");
    expect(reply.status).toBe(200);
    expect(reply.body.user_id).toBe("shared-2");
  });
});

// ---------------------------------------------------------------- 9. the reference's choices where the documents are silent

describe("where the documents are silent", () => {
  it("answers DELETE /users without a query with 400 parameter_not_found", async () => {
    const { server } = await start();
    const reply = await call(server, "DELETE", "/users");
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(errorList("parameter_not_found", "email or user_id must be given"));
  });

  it("lets user_id win over email when both are given", async () => {
    const { server } = await start();
    const reply = await call(server, "DELETE", "/users?user_id=1&email=email%40example.com");
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject(WASH);
    expect((await call(server, "GET", `/users/${JOE.id}`)).status).toBe(200);
    expect((await call(server, "GET", `/users/${WASH.id}`)).status).toBe(404);
  });

  it.each([
    ["malformed JSON on POST /users", "POST", "/users", "{not json", "parameter_invalid", "createOrUpdateUser: body is not valid JSON", undefined],
    ["a JSON array on POST /users", "POST", "/users", [], "parameter_invalid", "createOrUpdateUser: body must be object; body must match a schema in anyOf", undefined],
    [
      "a numeric user_id on POST /users",
      "POST",
      "/users",
      { user_id: 25 },
      "parameter_invalid",
      "createOrUpdateUser: body/user_id must be string; body/email is required but missing; body must match a schema in anyOf",
      "user_id",
    ],
    [
      "a numeric intercom_user_id",
      "POST",
      "/user_delete_requests",
      { intercom_user_id: 5714 },
      "parameter_invalid",
      "permanentlyDeleteUser: body/intercom_user_id must be string",
      "intercom_user_id",
    ],
    [
      "an unknown field on a delete request",
      "POST",
      "/user_delete_requests",
      { intercom_user_id: JOE.id, force: true },
      "parameter_invalid",
      "permanentlyDeleteUser: body/force is not allowed",
      "force",
    ],
    [
      "a delete request without intercom_user_id",
      "POST",
      "/user_delete_requests",
      {},
      "parameter_not_found",
      "permanentlyDeleteUser: body/intercom_user_id is required but missing",
      "intercom_user_id",
    ],
    ["a POST without a body", "POST", "/user_delete_requests", undefined, "parameter_not_found", "permanentlyDeleteUser: body is required but missing", undefined],
    [
      "an empty user_id query",
      "DELETE",
      "/users?user_id=",
      undefined,
      "parameter_invalid",
      "archiveUserByQuery: query/user_id must NOT have fewer than 1 characters",
      "user_id",
    ],
  ] as const)("answers %s with 400 error.list, never 5xx", async (_how, method, path, body, code, message, field) => {
    const { server } = await start();
    const reply = await call(server, method, path, { body });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(errorList(code, message, field));
    if (field === undefined) expect(reply.body.errors[0]).not.toHaveProperty("field");
    expect((await call(server, "GET", "/users")).body.total_count).toBe(FIXTURE_IDS.length);
  });

  it("answers an undocumented path with 404 error.list", async () => {
    const { server } = await start();
    for (const path of ["/contacts", "/users/1/notes", "/"]) {
      const reply = await call(server, "GET", path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).toEqual(errorList("not_found", "Resource Not Found"));
    }
  });

  it.each([
    ["PATCH", `/users/${JOE.id}`, ["DELETE", "GET"]],
    ["POST", `/users/${JOE.id}`, ["DELETE", "GET"]],
    ["PUT", "/users", ["DELETE", "GET", "POST"]],
    ["GET", "/user_delete_requests", ["POST"]],
  ])("answers %s %s with 405 and an Allow header", async (method, path, allowed) => {
    const { server } = await start();
    const reply = await call(server, method, path);
    expect(reply.status).toBe(405);
    expect(String(reply.headers.allow).split(/,\s*/).sort()).toEqual(allowed);
    expect(reply.body).toEqual(errorList("method_not_allowed"));
    expect((await call(server, "GET", `/users/${JOE.id}`)).status).toBe(200);
  });
});

// ---------------------------------------------------------------- 10. the typed client

describe("the typed Intercom client against the reference", () => {
  it("archives a user with Basic auth, and the user is then not found", async () => {
    const { server } = await start();
    const client = createIntercomClient({ baseUrl: server.url, token: server.credentials.token, auth: "basic" });

    const archived = await client.DELETE("/users", { params: { query: { user_id: "25" } } });
    expect(archived.response.status).toBe(200);
    expect(archived.data).toMatchObject({ type: "user", ...JOE });

    const viewed = await client.GET("/users/{id}", { params: { path: { id: JOE.id } } });
    expect(viewed.response.status).toBe(404);
    expect(viewed.error).toEqual(NOT_FOUND);
  });
});
