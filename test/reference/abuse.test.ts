/**
 * The stateful reference servers survive abuse on their default settings: floods of megabyte
 * requests keep them answering with their retained heap under a stated cap, every bound answers
 * in the API's envelope (never a 5xx), Authorization is parsed strictly, e-mails are compared
 * ASCII case-insensitively only, and what Node would answer bare (no Host, an unknown Expect, a
 * client gone mid-answer) is answered in the envelope or survived.
 *
 * Bounded in count, never timed: each flood is a fixed number of requests on a few connections.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { contractFile, fixturesDir } from "../../src/apis/shipped-apis.js";
import { createKeySigner, type DfnsComponents } from "../../src/index.js";
import { loadContract } from "../../src/contract/index.js";
import { serve } from "../../src/reference/http-server.js";
import { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from "../../src/wiring.js";

/** What a flood may leave behind on the heap (after a full garbage collection), per server. */
const RETAINED_HEAP_CAP_MIB = 48;
const MEGABYTE = "x".repeat(1024 * 1024 - 256);

// A full collection before each heap reading, so that only what the server retains is counted.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const retainedHeapMiB = () => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const servers: ReferenceServer[] = [];
const agents: http.Agent[] = [];
const tempDirs: string[] = [];
afterEach(async () => {
  agents.splice(0).forEach((agent) => agent.destroy());
  const started = servers.splice(0);
  await Promise.all(started.map((server) => server.close()));
  for (const server of started) expect(server.violations).toEqual([]);
});
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function start(api: "intercom" | "dfns", options: Partial<ReferenceServerOptions> = {}): Promise<ReferenceServer> {
  const server = await startReferenceServer({ api, checkResponses: true, ...options });
  servers.push(server);
  return server;
}

interface Reply {
  status: number;
  body: unknown;
}

/** One request over a keep-alive agent (node:http, so headers go out exactly as written). */
function request(server: ReferenceServer, agent: http.Agent, method: string, target: string, headers: Record<string, string>, body?: string, retried = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(`${server.url}${target}`, { method, headers, agent }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: incoming.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
    });
    outgoing.on("error", (error: Error & { code?: string }) => {
      // A kept-alive connection the server closed as idle just as it was reused (Node's own advice:
      // send again on a fresh one); on a loaded machine the gap between two steps can reach the
      // server's keep-alive timeout.
      if (!retried && outgoing.reusedSocket && error.code === "ECONNRESET") resolve(request(server, agent, method, target, headers, body, true));
      else reject(error);
    });
    outgoing.end(body);
  });
}

function keepAlive(): http.Agent {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  agents.push(agent);
  return agent;
}

/** `count` requests, eight at a time; the statuses counted. */
async function flood(count: number, send: (i: number) => Promise<Reply>): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const { status } = await send(next++);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return statuses;
}

/** Raw bytes to the server; everything it answers until it closes (or `waitMs` passes). */
function raw(server: ReferenceServer, bytes: string, waitMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1", () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    socket.on("error", reject);
  });
}

/** Sends a request, reads the first bytes of the answer, and resets the connection. */
function abandonAfterFirstBytes(server: ReferenceServer, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1", () => socket.write(bytes));
    socket.once("data", (chunk: Buffer) => {
      socket.resetAndDestroy();
      resolve(chunk.toString("latin1"));
    });
    socket.on("error", reject);
  });
}

const statusLine = (answer: string) => answer.split("\r\n")[0];
const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as unknown;

// ---------------------------------------------------------------------------------------------
// Intercom
// ---------------------------------------------------------------------------------------------

const INTERCOM_TOKENS = ["test-only-intercom-token", "test-only-intercom-token-2"];
const JOE = "5714dd359a3fd47136000001";
const intercomHeaders = (token = INTERCOM_TOKENS[0]!) => ({ authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" });

describe("Intercom reference under abuse", () => {
  it("560 authenticated POST /users with 1 MB names: each a 400 parameter_invalid on name; GET /users still answers; heap stays under the cap", { timeout: 120_000 }, async () => {
    const server = await start("intercom");
    const agent = keepAlive();
    const before = retainedHeapMiB();

    // Both tokens, so that the default rate limit (500 a minute per token) is not what answers.
    const statuses = await flood(560, (i) =>
      request(server, agent, "POST", "/users", intercomHeaders(INTERCOM_TOKENS[i % 2]), JSON.stringify({ user_id: `flood-${i}`, name: MEGABYTE })),
    );

    expect(statuses).toEqual({ 400: 560 });
    const list = await request(server, agent, "GET", "/users", intercomHeaders());
    expect(list.status).toBe(200);
    expect((list.body as { total_count: number }).total_count).toBeLessThan(20);
    expect(retainedHeapMiB() - before).toBeLessThan(RETAINED_HEAP_CAP_MIB);
  });

  it("a name of 255 characters is stored; 256 is a 400 parameter_invalid naming the field", async () => {
    const server = await start("intercom");
    const agent = keepAlive();
    const create = (name: string) => request(server, agent, "POST", "/users", intercomHeaders(), JSON.stringify({ user_id: "long-name", name }));

    expect((await create("n".repeat(255))).status).toBe(200);
    const refused = await create("n".repeat(256));
    expect(refused).toMatchObject({ status: 400, body: { type: "error.list", errors: [{ code: "parameter_invalid", field: "name" }] } });
  });

  it("users written through the API fill at most 16 MiB: then 403 api_plan_restricted, the store unchanged; GET /users answers the lot; a client gone mid-answer is survived", { timeout: 120_000 }, async () => {
    // The rate limit is lifted only so that the store's own bound is what answers.
    const server = await start("intercom", { rateLimit: { limit: 1_000_000, windowSeconds: 60 } });
    const agent = keepAlive();
    const before = retainedHeapMiB();
    const attributes = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`attribute_${i}`, "v".repeat(1000)]));

    const statuses = await flood(1_100, (i) =>
      request(server, agent, "POST", "/users", intercomHeaders(), JSON.stringify({ user_id: `big-${i}`, custom_attributes: attributes })),
    );

    expect(statuses[200]).toBeGreaterThan(900);
    expect(statuses[403]).toBeGreaterThan(0);
    expect(statuses[200]! + statuses[403]!).toBe(1_100);
    const refused = await request(server, agent, "POST", "/users", intercomHeaders(), JSON.stringify({ user_id: "one-more", custom_attributes: attributes }));
    expect(refused).toMatchObject({ status: 403, body: { type: "error.list", errors: [{ code: "api_plan_restricted" }] } });
    expect((await request(server, agent, "GET", "/users?user_id=one-more", intercomHeaders())).status).toBe(404);

    // A 16 MiB list, abandoned after its first bytes, three times over.
    for (let i = 0; i < 3; i++) {
      const answer = await abandonAfterFirstBytes(server, `GET /users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${INTERCOM_TOKENS[0]}\r\nAccept: application/json\r\n\r\n`);
      expect(statusLine(answer)).toBe("HTTP/1.1 200 OK");
    }
    const list = await request(server, agent, "GET", "/users", intercomHeaders());
    expect(list.status).toBe(200);
    expect((list.body as { total_count: number }).total_count).toBeGreaterThan(statuses[200]!);
    expect(retainedHeapMiB() - before).toBeLessThan(RETAINED_HEAP_CAP_MIB + 16);
  });

  it("a user over 16 KiB is a 400 parameter_invalid and is not stored", async () => {
    const server = await start("intercom");
    const agent = keepAlive();
    const reply = await request(server, agent, "POST", "/users", intercomHeaders(), JSON.stringify({ user_id: "huge", custom_attributes: { blob: "b".repeat(20_000) } }));
    expect(reply).toMatchObject({ status: 400, body: { errors: [{ code: "parameter_invalid" }] } });
    expect((await request(server, agent, "GET", "/users?user_id=huge", intercomHeaders())).status).toBe(404);
  });

  describe("Authorization is parsed strictly", () => {
    // A token whose base64 holds "+" and "/", so that its base64url spelling differs.
    const ODD_TOKEN = "test-only-?>?>~token";
    const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;

    async function startWithOddToken() {
      const dir = mkdtempSync(path.join(tmpdir(), "archive-kit-abuse-"));
      tempDirs.push(dir);
      cpSync(fixturesDir("intercom"), dir, { recursive: true });
      const tokens = JSON.parse(readFileSync(path.join(dir, "tokens.json"), "utf8")) as { tokens: Array<{ token: string }> };
      tokens.tokens.push({ token: ODD_TOKEN });
      writeFileSync(path.join(dir, "tokens.json"), JSON.stringify(tokens));
      return start("intercom", { fixtures: dir });
    }

    it.each<[string, number, string]>([
      ["Bearer <token>", 200, `Bearer ${INTERCOM_TOKENS[0]}`],
      ["Basic <token:>", 200, basic(`${ODD_TOKEN}:`)],
      ["Bearer <token> junk", 401, `Bearer ${INTERCOM_TOKENS[0]} junk`],
      ["Bearer <token> <token>", 401, `Bearer ${INTERCOM_TOKENS[0]} ${INTERCOM_TOKENS[0]}`],
      ["Bearer with a comma list", 401, `Bearer ${INTERCOM_TOKENS[0]}, Basic eA==`],
      ["Basic with trailing garbage", 401, `${basic(`${ODD_TOKEN}:`)}junk`],
      ["Basic with a trailing word", 401, `${basic(`${ODD_TOKEN}:`)} junk`],
      ["Basic in the base64url alphabet", 401, `Basic ${Buffer.from(`${ODD_TOKEN}:`).toString("base64url")}`],
      ["Basic without its padding", 401, basic(`${INTERCOM_TOKENS[0]}:`).replace(/=+$/, "")],
      ["Basic with non-zero padding bits", 401, basic(`${INTERCOM_TOKENS[0]}:`).replace(/g==$/, "h==")],
      ["Basic with a password", 401, basic(`${ODD_TOKEN}:secret`)],
      ["Basic without a colon", 401, basic(ODD_TOKEN)],
    ])("%s → %i", async (_name, status, authorization) => {
      const server = await startWithOddToken();
      expect(Buffer.from(`${ODD_TOKEN}:`).toString("base64")).toMatch(/[+/]/);
      expect(basic(`${INTERCOM_TOKENS[0]}:`)).toMatch(/g==$/);
      const reply = await request(server, keepAlive(), "GET", `/users/${JOE}`, { authorization, accept: "application/json" });
      expect(reply.status).toBe(status);
      if (status === 401) expect(reply.body).toMatchObject({ type: "error.list", errors: [{ code: "unauthorized" }] });
    });
  });

  it("e-mails compare ASCII case-insensitively only: U+212A KELVIN SIGN is not k", async () => {
    const server = await start("intercom");
    const agent = keepAlive();
    const kelvin = "\u212Aelvin@example.com";
    const create = (user_id: string, email: string) => request(server, agent, "POST", "/users", intercomHeaders(), JSON.stringify({ user_id, email }));
    const byEmail = async (email: string) =>
      ((await request(server, agent, "GET", `/users?email=${encodeURIComponent(email)}`, intercomHeaders())).body as { users: Array<{ user_id: string; email: string }> }).users;

    expect((await create("kelvin-sign", kelvin)).body).toMatchObject({ email: kelvin });
    expect((await create("ascii-k", "KELVIN@Example.com")).body).toMatchObject({ user_id: "ascii-k", email: "kelvin@example.com" });

    expect((await byEmail("kelvin@example.com")).map((user) => user.user_id)).toEqual(["ascii-k"]);
    expect((await byEmail("KeLvIn@EXAMPLE.COM")).map((user) => user.user_id)).toEqual(["ascii-k"]);
    expect((await byEmail(kelvin)).map((user) => user.user_id)).toEqual(["kelvin-sign"]);
    expect((await byEmail("\u212AELVIN@EXAMPLE.COM")).map((user) => user.user_id)).toEqual(["kelvin-sign"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Dfns
// ---------------------------------------------------------------------------------------------

type Challenge = DfnsComponents["schemas"]["UserActionChallenge"];
const org = JSON.parse(readFileSync(path.join(fixturesDir("dfns"), "org.json"), "utf8")) as {
  tokens: Array<{ token: string; userId: string }>;
  credentials: Array<{ credId: string; userId: string; privateKeyFile: string }>;
};
const ADMIN_ID = "us-4dm1n-0a1b2-3c4d5e6f7g8h9i0j";
const ADMIN_TOKEN = org.tokens.find((entry) => entry.userId === ADMIN_ID)!.token;
const adminCredential = org.credentials.find((entry) => entry.userId === ADMIN_ID)!;
const adminSigner = createKeySigner({
  credId: adminCredential.credId,
  privateKey: readFileSync(path.join(fixturesDir("dfns"), adminCredential.privateKeyFile), "utf8"),
});
const dfnsHeaders = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };

const init = (server: ReferenceServer, agent: http.Agent, payload: string, method = "POST", target = "/auth/registration/delegated") =>
  request(server, agent, "POST", "/auth/action/init", dfnsHeaders, JSON.stringify({ userActionPayload: payload, userActionHttpMethod: method, userActionHttpPath: target }));

async function signChallenge(server: ReferenceServer, agent: http.Agent, challenge: Challenge): Promise<Reply> {
  const firstFactor = await adminSigner.sign(challenge);
  return request(server, agent, "POST", "/auth/action", dfnsHeaders, JSON.stringify({ challengeIdentifier: challenge.challengeIdentifier, firstFactor }));
}

/** init → sign → the signed request itself. */
async function signed(server: ReferenceServer, agent: http.Agent, method: string, target: string, body: string): Promise<Reply> {
  const challenge = await init(server, agent, body, method, target);
  const action = await signChallenge(server, agent, challenge.body as Challenge);
  expect(action.status).toBe(200);
  return request(server, agent, method, target, { ...dfnsHeaders, "x-dfns-useraction": (action.body as { userAction: string }).userAction }, body);
}

describe("Dfns reference under abuse", () => {
  it("300 /auth/action/init with 1 MB payloads: each a 200, and the heap stays under the cap", { timeout: 120_000 }, async () => {
    const server = await start("dfns");
    const agent = keepAlive();
    const before = retainedHeapMiB();

    const statuses = await flood(300, () => init(server, agent, MEGABYTE));

    expect(statuses).toEqual({ 200: 300 });
    expect(retainedHeapMiB() - before).toBeLessThan(RETAINED_HEAP_CAP_MIB);
  });

  it("a caller holds at most 1,000 pending challenges: the oldest is forgotten (400 when signed), the newest still sign", { timeout: 60_000 }, async () => {
    const server = await start("dfns");
    const agent = keepAlive();
    const first = (await init(server, agent, "{}")).body as Challenge;
    const second = (await init(server, agent, "{}")).body as Challenge;

    expect(await flood(999, () => init(server, agent, "{}"))).toEqual({ 200: 999 });

    expect(await signChallenge(server, agent, first)).toMatchObject({ status: 400, body: { error: { message: "Challenge token is not valid." } } });
    expect((await signChallenge(server, agent, second)).status).toBe(200);
  });

  it("a user action signed over a 1 MB body is redeemed by exactly that body, and by nothing else", async () => {
    const server = await start("dfns");
    const agent = keepAlive();
    // Just under the 1 MiB body limit once quoted inside the init request.
    const body = JSON.stringify({ email: `big-${"y".repeat(100)}@example.co`, kind: "EndUser", externalId: MEGABYTE.slice(4096) });
    expect((await signed(server, agent, "POST", "/auth/registration/delegated", body)).status).toBe(200);

    const challenge = (await init(server, agent, body)).body as Challenge;
    const token = ((await signChallenge(server, agent, challenge)).body as { userAction: string }).userAction;
    const tampered = body.replace("big-", "bog-");
    const reply = await request(server, agent, "POST", "/auth/registration/delegated", { ...dfnsHeaders, "x-dfns-useraction": token }, tampered);
    expect(reply).toMatchObject({ status: 403, body: { error: { message: "user action signature is missing or invalid" } } });
  });

  it("usernames compare ASCII case-insensitively only: U+212A KELVIN SIGN is not k; a username over 255 characters is a 400", async () => {
    const server = await start("dfns");
    const agent = keepAlive();
    const register = (email: string) => signed(server, agent, "POST", "/auth/registration/delegated", JSON.stringify({ email, kind: "EndUser" }));

    expect((await register("kelvin@example.co")).status).toBe(200);
    expect((await register("\u212Aelvin@example.co")).status).toBe(200);
    expect((await register("KELVIN@EXAMPLE.CO")).status).toBe(409);
    expect((await register("\u212AELVIN@example.co")).status).toBe(409);
    expect(await register(`${"l".repeat(250)}@example.co`)).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining("255") } } });
  });

  it.each<[string, number, string]>([
    ["Bearer <token>", 200, `Bearer ${ADMIN_TOKEN}`],
    ["Bearer <token> junk", 401, `Bearer ${ADMIN_TOKEN} junk`],
    ["Bearer <token>,", 401, `Bearer ${ADMIN_TOKEN},`],
    ["Bearer with a tab", 401, `Bearer\t${ADMIN_TOKEN}`],
    ["Basic <token:>", 401, `Basic ${Buffer.from(`${ADMIN_TOKEN}:`).toString("base64")}`],
  ])("Authorization %s → %i", async (_name, status, authorization) => {
    const server = await start("dfns");
    const reply = await request(server, keepAlive(), "GET", `/auth/users/${ADMIN_ID}`, { authorization });
    expect(reply.status).toBe(status);
    if (status === 401) expect(reply.body).toEqual({ error: { message: "Not Authorized." } });
  });
});

// ---------------------------------------------------------------------------------------------
// What Node would answer itself
// ---------------------------------------------------------------------------------------------

describe.each([
  ["intercom", { type: "error.list" }],
  ["dfns", { error: {} }],
] as const)("%s: requests Node answers bare get the envelope", (api, envelope) => {
  it("HTTP/1.1 without Host → 400 in the envelope", async () => {
    const server = await start(api);
    const answer = await raw(server, "GET /users HTTP/1.1\r\nConnection: close\r\n\r\n");
    expect(statusLine(answer)).toBe("HTTP/1.1 400 Bad Request");
    expect(bodyOf(answer)).toMatchObject(envelope);
  });

  it("HTTP/1.0 without Host is served as usual", async () => {
    const server = await start(api);
    const answer = await raw(server, "GET /nowhere HTTP/1.0\r\n\r\n");
    expect(statusLine(answer)).toMatch(/^HTTP\/1\.1 404 /);
  });

  it("an unknown Expect → 417 in the envelope; the server keeps answering", async () => {
    const server = await start(api);
    const answer = await raw(server, "POST /users HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n{}");
    expect(statusLine(answer)).toBe("HTTP/1.1 417 Expectation Failed");
    expect(bodyOf(answer)).toMatchObject(envelope);
    expect(statusLine(await raw(server, "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))).toMatch(/^HTTP\/1\.1 404 /);
  });

  it("Expect: 100-continue still works", async () => {
    const server = await start(api);
    const answer = await raw(server, "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 404 /);
  });
});

describe("the pipeline never dies of what happens outside the handler", () => {
  it("an answer that cannot be serialised is a 500 in the envelope, and the next request is answered", async () => {
    const contract = await loadContract(contractFile("intercom"));
    const running = await serve(
      {
        contract,
        handle: () => ({ status: 200, body: { count: 1n } }),
        unrouted: () => ({ status: 404, body: { type: "error.list", errors: [{ code: "not_found" }] } }),
        failure: (_request, status) => ({ status, body: { type: "error.list", errors: [{ code: status === 500 ? "server_error" : "bad_request" }] } }),
        state: () => ({}),
        reset: () => undefined,
      },
      { host: "127.0.0.1", port: 0, checkResponses: false },
    );
    try {
      const first = await fetch(`${running.url}/users/${JOE}`);
      expect(first.status).toBe(500);
      expect(await first.json()).toMatchObject({ type: "error.list", errors: [{ code: "server_error" }] });
      expect((await fetch(`${running.url}/nowhere`)).status).toBe(404);
    } finally {
      await running.close();
    }
  });

  it("clients that send a request and vanish (reset, half-closed) leave the server answering", async () => {
    const server = await start("intercom");
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(server.port, "127.0.0.1", () => {
          socket.write(`GET /users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${INTERCOM_TOKENS[0]}\r\nAccept: application/json\r\n\r\n`);
          if (i % 2 === 0) socket.resetAndDestroy();
          else socket.end();
          resolve();
        });
        socket.on("error", () => undefined);
      });
    }
    const reply = await request(server, keepAlive(), "GET", `/users/${JOE}`, intercomHeaders());
    expect(reply.status).toBe(200);
  });
});
