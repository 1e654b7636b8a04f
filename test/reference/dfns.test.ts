import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrivateKey, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createDfnsClient, createKeySigner, type DfnsComponents } from "../../src/index.js";
import { type ReferenceServer, type ReferenceServerOptions } from "../../src/wiring.js";
import { useReferenceTransport } from "../helpers/reference-transport.js";
import { signClientData, keyAlgorithm } from "../../src/apis/dfns/key-schemes.js";

const startReferenceServer = useReferenceTransport();

// ---------------------------------------------------------------------------------------------
// Fixtures: the callers and targets of fixtures/dfns/org.json (TEST-ONLY tokens and keys).
// ---------------------------------------------------------------------------------------------

type Challenge = DfnsComponents["schemas"]["UserActionChallenge"];
type SignedFactor = DfnsComponents["schemas"]["SignedFactor"];
type User = DfnsComponents["schemas"]["User"];
type SignedMethod = DfnsComponents["schemas"]["UserActionChallengeRequest"]["userActionHttpMethod"];

const fixturesDir = new URL("../../fixtures/dfns/", import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, fixturesDir), "utf8")) as T;

const org = readJson<{
  app: { appId: string };
  users: User[];
  tokens: Array<{ token: string; userId: string }>;
  credentials: Array<{ credId: string; userId: string; privateKeyFile: string }>;
}>("org.json");
const seedArchive = readJson<{ examples: Array<{ response: { status: number; body: User } }> }>("seed-archive-examples.json").examples[0]!.response;

interface Caller {
  userId: string;
  token: string;
  credId: string;
  privateKey: string;
}

function callerOf(userId: string): Caller {
  const token = org.tokens.find((entry) => entry.userId === userId)!.token;
  const credential = org.credentials.find((entry) => entry.userId === userId)!;
  return { userId, token, credId: credential.credId, privateKey: readFileSync(new URL(credential.privateKeyFile, fixturesDir), "utf8") };
}

const admin = callerOf("us-4dm1n-0a1b2-3c4d5e6f7g8h9i0j"); // P-256, every user permission
const employeeManager = callerOf("us-3mpl0-yeem4-n4g3r0a1b2c3d4e5"); // Ed25519, Read/Update + Types:Employee
const endUserManager = callerOf("us-3ndus-3rm4n-4g3r0a1b2c3d4e5f"); // RSA, Read/Update + Types:EndUser
const reader = callerOf("us-r34d3-r0a1b-2c3d4e5f6g7h8i9j"); // secp256k1, Read only
const DEACTIVATED_TOKEN = "test-only-dfns-deactivated-token";

const SEED_USER = "us-2mhcm-9r90a-92ran47bjpl60hmv";
const EMPLOYEE_1 = "us-3mp1y-00001-0a1b2c3d4e5f6g7h";
const EMPLOYEE_2 = "us-3mp1y-00002-0a1b2c3d4e5f6g7h";
const END_USER_1 = "us-3ndu5-00001-0a1b2c3d4e5f6g7h";
const END_USER_2 = "us-3ndu5-00002-0a1b2c3d4e5f6g7h";
const FOREIGN_USER = "us-f0r31-gn0rg-0a1b2c3d4e5f6g7h";
const DEACTIVATED_USER = "us-d34ct-1v4t3-d0a1b2c3d4e5f6g7";
const UNKNOWN_USER = "us-zzzzz-zzzzz-zzzzzzzzzzzzzzzz";
const ORG_USER_IDS = org.users.filter((user) => user.orgId === "or-yanke-mars-6ulofamogg84s87v").map((user) => user.userId);

const userPath = (userId: string) => `/auth/users/${userId}`;
const fixtureUser = (userId: string) => org.users.find((user) => user.userId === userId)!;

const SIGNATURE_INVALID = { error: { message: "user action signature is missing or invalid" } };
const ALREADY_USED = { error: { message: "user action has already been used" } };
const CHALLENGE_INVALID = { error: { message: "Challenge token is not valid." } };
const NOT_AUTHORIZED = { error: { message: "Not Authorized." } };
const NOT_FOUND = { error: { message: "User not found" } };
const NONCE_INVALID = { error: { message: "request nonce is missing or invalid" } };
const NONCE_REUSED = { error: { message: "request nonce has already been used" } };
const DEACTIVATED_ACCOUNT = { error: { message: "User account has been deactivated." } };
const notAllowed = (caller: Caller, permission: string) => ({
  error: { message: `CustomerEmployee ${caller.userId} is not authorized to perform operation (${permission})` },
});

// ---------------------------------------------------------------------------------------------
// Servers: a fresh one per test, every response checked against openapi/dfns.yaml.
// ---------------------------------------------------------------------------------------------

const servers: ReferenceServer[] = [];
afterEach(async () => {
  const started = servers.splice(0);
  await Promise.all(started.map((server) => server.close()));
  for (const server of started) expect(server.violations).toEqual([]);
});

async function start(options: Partial<ReferenceServerOptions> = {}): Promise<ReferenceServer> {
  const server = await startReferenceServer({ api: "dfns", checkResponses: true, ...options });
  servers.push(server);
  return server;
}

/** A clock the test moves by hand. */
function manualClock(start = Date.parse("2024-03-01T12:00:00.000Z")) {
  const clock = { at: start, now: () => clock.at };
  return clock;
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers
// ---------------------------------------------------------------------------------------------

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

interface SendOptions {
  /** The bearer token; `null` sends no Authorization header. */
  token?: string | null;
  /** The raw body text; "" or undefined sends none. */
  body?: string;
  headers?: Record<string, string>;
}

async function send(server: ReferenceServer, method: string, path: string, options: SendOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? admin.token}`;
  if (options.body) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}${path}`, { method, headers: { ...headers, ...options.headers }, body: options.body || undefined });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

interface SignedParts {
  method: SignedMethod;
  path: string;
  payload?: string;
}

/** POST /auth/action/init for `parts`, expecting a challenge. */
async function initChallenge(server: ReferenceServer, caller: Caller, parts: SignedParts): Promise<Challenge> {
  const reply = await send(server, "POST", "/auth/action/init", {
    token: caller.token,
    body: JSON.stringify({ userActionPayload: parts.payload ?? "", userActionHttpMethod: parts.method, userActionHttpPath: parts.path }),
  });
  expect(reply.status).toBe(200);
  return reply.body as Challenge;
}

const signFactor = (caller: Caller, challenge: Challenge): Promise<SignedFactor> =>
  createKeySigner({ credId: caller.credId, privateKey: caller.privateKey }).sign(challenge);

/** POST /auth/action. */
const exchange = (server: ReferenceServer, caller: Caller, challengeIdentifier: string, firstFactor: SignedFactor) =>
  send(server, "POST", "/auth/action", { token: caller.token, body: JSON.stringify({ challengeIdentifier, firstFactor }) });

/** init → sign → action, by hand: the single-use user action token over `parts`. */
async function userActionToken(server: ReferenceServer, caller: Caller, parts: SignedParts): Promise<string> {
  const challenge = await initChallenge(server, caller, parts);
  const reply = await exchange(server, caller, challenge.challengeIdentifier, await signFactor(caller, challenge));
  expect(reply.status).toBe(200);
  return (reply.body as { userAction: string }).userAction;
}

interface RequestParts {
  method: SignedMethod;
  path: string;
  body?: string;
}

/** Signs `request` (or, to tamper, `signed` in its place) and sends `request` with the token. */
async function signedRequest(server: ReferenceServer, caller: Caller, request: RequestParts, signed: Partial<SignedParts> = {}): Promise<Reply> {
  const userAction = await userActionToken(server, caller, { method: request.method, path: request.path, payload: request.body ?? "", ...signed });
  return send(server, request.method, request.path, { token: caller.token, body: request.body, headers: { "X-DFNS-USERACTION": userAction } });
}

const archive = (server: ReferenceServer, caller: Caller, userId: string) => signedRequest(server, caller, { method: "DELETE", path: userPath(userId) });
const getUser = (server: ReferenceServer, userId: string, caller = admin) => send(server, "GET", userPath(userId), { token: caller.token });
const listIds = async (server: ReferenceServer, query = "") =>
  ((await send(server, "GET", `/auth/users${query}`)).body as { items: User[] }).items.map((user) => user.userId);

/** A seed-era X-DFNS-NONCE: base64url of the JSON given. */
const nonce = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function typedClient(server: ReferenceServer, caller: Caller, appId?: string) {
  return createDfnsClient({
    baseUrl: server.url,
    token: caller.token,
    appId,
    signer: createKeySigner({ credId: caller.credId, privateKey: caller.privateKey }),
  });
}

// ---------------------------------------------------------------------------------------------
// 1. Bearer tokens
// ---------------------------------------------------------------------------------------------

describe("bearer authentication", () => {
  it.each([
    ["the admin", admin],
    ["the employee manager", employeeManager],
    ["the end-user manager", endUserManager],
    ["the reader", reader],
  ])("maps %s's token to that caller (its own credential is the one to sign with)", async (_who, caller) => {
    const server = await start();
    const challenge = await initChallenge(server, caller, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    expect(challenge.allowCredentials).toEqual({ key: [{ type: "public-key", id: caller.credId }], webauthn: [] });
  });

  it("accepts the Bearer scheme in any case", async () => {
    const server = await start();
    const reply = await send(server, "GET", userPath(EMPLOYEE_1), { token: null, headers: { authorization: `bEaReR ${reader.token}` } });
    expect(reply.status).toBe(200);
  });

  it.each([
    ["no Authorization header", undefined],
    ["an empty Bearer", "Bearer "],
    ["another scheme", `Basic ${Buffer.from(`${admin.token}:`).toString("base64")}`],
    ["a token without a scheme", admin.token],
    ["two tokens", `Bearer ${admin.token} ${reader.token}`],
    ["an unknown token", "Bearer test-only-dfns-nobody-token"],
  ])("answers 401 Not Authorized. to %s, on reads, signing and archives", async (_what, authorization) => {
    const server = await start();
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    const replies = [
      await send(server, "GET", "/auth/users", { token: null, headers }),
      await send(server, "GET", userPath(EMPLOYEE_1), { token: null, headers }),
      await send(server, "POST", "/auth/action/init", {
        token: null,
        headers,
        body: JSON.stringify({ userActionPayload: "", userActionHttpMethod: "DELETE", userActionHttpPath: userPath(EMPLOYEE_1) }),
      }),
      await send(server, "DELETE", userPath(EMPLOYEE_1), { token: null, headers }),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(401);
      expect(reply.text).toBe('{"error":{"message":"Not Authorized."}}');
    }
    expect((await getUser(server, EMPLOYEE_1)).body).toMatchObject({ isActive: true });
  });
});

// ---------------------------------------------------------------------------------------------
// 2. User action signing end to end with the typed client
// ---------------------------------------------------------------------------------------------

describe("archiving with the typed client (init → sign → action → DELETE)", () => {
  it.each([
    ["ECDSA P-256", "the admin", "an employee", admin, EMPLOYEE_1],
    ["ECDSA P-256", "the admin", "an end user", admin, END_USER_1],
    ["Ed25519", "the employee manager", "an employee", employeeManager, EMPLOYEE_2],
    ["RSA PKCS#1 v1.5", "the end-user manager", "an end user", endUserManager, END_USER_2],
  ])("verifies an %s signature: %s archives %s", async (_algorithm, _who, _target, caller, userId) => {
    const server = await start();
    const { data, error, response } = await typedClient(server, caller).DELETE("/auth/users/{userId}", { params: { path: { userId } } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual({ ...fixtureUser(userId), isActive: false });
    expect((await getUser(server, userId)).status).toBe(404);
  });

  it("verifies an ECDSA secp256k1 signature: the reader's archive passes signing and stops at its permissions", async () => {
    // The user action is redeemed before permissions are checked: a permission 403 means the signature was accepted.
    const server = await start();
    const { error, response } = await typedClient(server, reader).DELETE("/auth/users/{userId}", { params: { path: { userId: EMPLOYEE_1 } } });
    expect(response.status).toBe(403);
    expect(error).toEqual(notAllowed(reader, "Auth:Users:Update"));
  });

  it("checks each key type's fixture key really is the algorithm it is named for", () => {
    expect([admin, reader, employeeManager, endUserManager].map((caller) => keyAlgorithm(createPrivateKey(caller.privateKey)))).toEqual([
      "ECDSA-P256",
      "ECDSA-secp256k1",
      "Ed25519",
      "RSA-PKCS1-SHA256",
    ]);
  });

  it.each([
    ["without a body (Go and Python SDKs)", {}],
    ["with the body {} (TypeScript SDK)", { body: {} }],
  ])("archives %s", async (_how, bodyOption) => {
    const server = await start();
    const { data, response } = await typedClient(server, admin).DELETE("/auth/users/{userId}", { params: { path: { userId: EMPLOYEE_1 } }, ...bodyOption });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ userId: EMPLOYEE_1, isActive: false });
  });

  it("answers the seed user's archive with the seed document's response, byte for byte", async () => {
    const server = await start();
    const reply = await archive(server, admin, SEED_USER);
    expect(reply.status).toBe(seedArchive.status);
    expect(reply.body).toEqual(seedArchive.body);
    expect(reply.text).toBe(JSON.stringify(seedArchive.body));
    expect(reply.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Tampering with what was signed
// ---------------------------------------------------------------------------------------------

describe("a user action bound to the signed request", () => {
  it.each<[string, RequestParts, Partial<SignedParts>]>([
    ["the method (signed PUT, sent DELETE)", { method: "DELETE", path: userPath(EMPLOYEE_1) }, { method: "PUT" }],
    ["the path (signed for another user)", { method: "DELETE", path: userPath(EMPLOYEE_1) }, { path: userPath(EMPLOYEE_2) }],
    ["the path (signed with a query string)", { method: "DELETE", path: userPath(EMPLOYEE_1) }, { path: `${userPath(EMPLOYEE_1)}?x=1` }],
    ["the payload of a PUT (signed {\"a\":1}, sent {})", { method: "PUT", path: `${userPath(EMPLOYEE_1)}/deactivate`, body: "{}" }, { payload: '{"a":1}' }],
    ["the payload of a PUT (signed {}, sent none)", { method: "PUT", path: `${userPath(EMPLOYEE_1)}/deactivate` }, { payload: "{}" }],
    ["the payload of a DELETE (signed {\"a\":1}, sent {})", { method: "DELETE", path: userPath(EMPLOYEE_1), body: "{}" }, { payload: '{"a":1}' }],
  ])("is refused with 403 when %s differs", async (_what, request, signed) => {
    const server = await start();
    const reply = await signedRequest(server, admin, request, signed);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(SIGNATURE_INVALID);
    expect((await getUser(server, EMPLOYEE_1)).body).toMatchObject({ isActive: true });
  });

  it("is refused with 403 when the payload of a POST differs", async () => {
    const server = await start();
    const body = JSON.stringify({ email: "new.person@example.co", kind: "CustomerEmployee" });
    const reply = await signedRequest(server, admin, { method: "POST", path: "/auth/users", body }, { payload: '{"a":1}' });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(SIGNATURE_INVALID);
    expect((await listIds(server)).length).toBe(ORG_USER_IDS.length);
  });

  it.each([
    ['signed "" and sent {}', "", "{}"],
    ['signed {} and sent no body', "{}", undefined],
  ])("accepts a bodiless DELETE %s", async (_how, signedPayload, sentBody) => {
    const server = await start();
    const reply = await signedRequest(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1), body: sentBody }, { payload: signedPayload });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ userId: EMPLOYEE_1, isActive: false });
  });

  it("is refused with 403 when X-DFNS-USERACTION is missing or unknown", async () => {
    const server = await start();
    const missing = await send(server, "DELETE", userPath(EMPLOYEE_1));
    const unknown = await send(server, "DELETE", userPath(EMPLOYEE_1), { headers: { "X-DFNS-USERACTION": "not-a-user-action" } });
    expect([missing.status, unknown.status]).toEqual([403, 403]);
    expect([missing.body, unknown.body]).toEqual([SIGNATURE_INVALID, SIGNATURE_INVALID]);
    expect((await getUser(server, EMPLOYEE_1)).body).toMatchObject({ isActive: true });
  });

  it("is single-use: presenting it again after a successful archive is 400", async () => {
    const server = await start();
    const userAction = await userActionToken(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const headers = { "X-DFNS-USERACTION": userAction };
    expect((await send(server, "DELETE", userPath(EMPLOYEE_1), { headers })).status).toBe(200);
    const again = await send(server, "DELETE", userPath(EMPLOYEE_1), { headers });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(ALREADY_USED);
  });

  it("is spent by a refused presentation too", async () => {
    const server = await start();
    const userAction = await userActionToken(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const headers = { "X-DFNS-USERACTION": userAction };
    expect((await send(server, "DELETE", userPath(EMPLOYEE_2), { headers })).status).toBe(403);
    const rightRequest = await send(server, "DELETE", userPath(EMPLOYEE_1), { headers });
    expect(rightRequest.status).toBe(400);
    expect(rightRequest.body).toEqual(ALREADY_USED);
  });

  it("is refused with 403 when presented by another caller than the one who signed", async () => {
    const server = await start();
    const userAction = await userActionToken(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const reply = await send(server, "DELETE", userPath(EMPLOYEE_1), { token: employeeManager.token, headers: { "X-DFNS-USERACTION": userAction } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(SIGNATURE_INVALID);
    expect((await getUser(server, EMPLOYEE_1)).body).toMatchObject({ isActive: true });
  });

  it("expires after userActionTtlSeconds", async () => {
    const clock = manualClock();
    const server = await start({ now: clock.now, userActionTtlSeconds: 60 });
    const early = await userActionToken(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const late = await userActionToken(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_2) });
    clock.at += 60_000 - 1;
    expect((await send(server, "DELETE", userPath(EMPLOYEE_1), { headers: { "X-DFNS-USERACTION": early } })).status).toBe(200);
    clock.at += 1;
    const expired = await send(server, "DELETE", userPath(EMPLOYEE_2), { headers: { "X-DFNS-USERACTION": late } });
    expect(expired.status).toBe(403);
    expect(expired.body).toEqual(SIGNATURE_INVALID);
  });
});

describe("the signed challenge at POST /auth/action", () => {
  const flipByte = (base64url: string) => {
    const bytes = Buffer.from(base64url, "base64url");
    bytes[bytes.length >> 1]! ^= 0x01;
    return bytes.toString("base64url");
  };
  const keyGet = (challenge: string) => Buffer.from(JSON.stringify({ type: "key.get", challenge }));
  /** A correct signature by `signer` over arbitrary clientData. */
  const signedOver = (signer: Caller, clientData: Buffer): SignedFactor => {
    const key = createPrivateKey(signer.privateKey);
    return {
      kind: "Key",
      credentialAssertion: {
        credId: signer.credId,
        clientData: clientData.toString("base64url"),
        signature: signClientData(keyAlgorithm(key), key, clientData).toString("base64url"),
      },
    };
  };
  const withAssertion = (factor: SignedFactor, change: Partial<SignedFactor["credentialAssertion"]>): SignedFactor => ({
    ...factor,
    credentialAssertion: { ...factor.credentialAssertion, ...change },
  });
  const alteredSignature = (_challenge: Challenge, honest: SignedFactor) => withAssertion(honest, { signature: flipByte(honest.credentialAssertion.signature) });

  it.each([
    ["ECDSA P-256", admin],
    ["ECDSA secp256k1", reader],
    ["Ed25519", employeeManager],
    ["RSA PKCS#1 v1.5", endUserManager],
  ])("accepts an honest %s signature and answers a user action token", async (_algorithm, caller) => {
    const server = await start();
    const challenge = await initChallenge(server, caller, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const reply = await exchange(server, caller, challenge.challengeIdentifier, await signFactor(caller, challenge));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ userAction: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
  });

  it.each<[string, Caller, (challenge: Challenge, honest: SignedFactor) => SignedFactor]>([
    ["altered signature bytes (ECDSA P-256)", admin, alteredSignature],
    ["altered signature bytes (ECDSA secp256k1)", reader, alteredSignature],
    ["altered signature bytes (Ed25519)", employeeManager, alteredSignature],
    ["altered signature bytes (RSA)", endUserManager, alteredSignature],
    ["clientData over another challenge, correctly signed", admin, () => signedOver(admin, keyGet("another-challenge"))],
    ["clientData of another type, correctly signed", admin, (c) => signedOver(admin, Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: c.challenge })))],
    ["clientData that is not JSON, correctly signed", admin, () => signedOver(admin, Buffer.from("not json"))],
    ["clientData altered after signing", admin, (c, honest) => withAssertion(honest, { clientData: Buffer.from(JSON.stringify({ challenge: c.challenge, type: "key.get" })).toString("base64url") })],
    ["another caller's credential id on the caller's own signature", admin, (_c, honest) => withAssertion(honest, { credId: reader.credId })],
    ["another caller's credential, signed with that caller's key", admin, (c) => signedOver(reader, keyGet(c.challenge))],
    ["the caller's credential id with another caller's signature", admin, (c) => withAssertion(signedOver(reader, keyGet(c.challenge)), { credId: admin.credId })],
    ["a factor kind other than Key", admin, (_c, honest) => ({ ...honest, kind: "Fido2" })],
  ])("refuses %s with 403", async (_what, caller, tamper) => {
    const server = await start();
    const challenge = await initChallenge(server, caller, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const reply = await exchange(server, caller, challenge.challengeIdentifier, tamper(challenge, await signFactor(caller, challenge)));
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(SIGNATURE_INVALID);
  });

  it.each<[string, (honest: SignedFactor) => Record<string, unknown>]>([
    ["a Password first factor (SDK PasswordAssertion)", () => ({ firstFactor: { kind: "Password", password: "correct horse" } })],
    ["a Totp second factor (SDK TotpAssertion)", (honest) => ({ firstFactor: honest, secondFactor: { kind: "Totp", otpCode: "123456" } })],
    ["a Fido2 assertion with authenticatorData", (honest) => ({ firstFactor: { kind: "Fido2", credentialAssertion: { ...honest.credentialAssertion, authenticatorData: "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ" } } })],
  ])("accepts the shape of %s but, holding Key credentials only, refuses it with the documented 403", async (_what, factors) => {
    const server = await start();
    const challenge = await initChallenge(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const body = JSON.stringify({ challengeIdentifier: challenge.challengeIdentifier, ...factors(await signFactor(admin, challenge)) });
    const reply = await send(server, "POST", "/auth/action", { body });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(SIGNATURE_INVALID);
  });

  it("refuses a reused challenge identifier with 400", async () => {
    const server = await start();
    const challenge = await initChallenge(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const factor = await signFactor(admin, challenge);
    expect((await exchange(server, admin, challenge.challengeIdentifier, factor)).status).toBe(200);
    const again = await exchange(server, admin, challenge.challengeIdentifier, factor);
    expect(again.status).toBe(400);
    expect(again.body).toEqual(CHALLENGE_INVALID);
  });

  it("burns a challenge on a failed attempt: the honest signature then gets 400", async () => {
    const server = await start();
    const challenge = await initChallenge(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const honest = await signFactor(admin, challenge);
    const forged = alteredSignature(challenge, honest);
    expect((await exchange(server, admin, challenge.challengeIdentifier, forged)).status).toBe(403);
    const retry = await exchange(server, admin, challenge.challengeIdentifier, honest);
    expect(retry.status).toBe(400);
    expect(retry.body).toEqual(CHALLENGE_INVALID);
  });

  it("refuses an unknown challenge identifier, and one issued to another caller, with 400", async () => {
    const server = await start();
    const challenge = await initChallenge(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const unknown = await exchange(server, admin, "not-a-challenge", await signFactor(admin, challenge));
    const otherCaller = await exchange(server, reader, challenge.challengeIdentifier, await signFactor(reader, challenge));
    expect([unknown.status, otherCaller.status]).toEqual([400, 400]);
    expect([unknown.body, otherCaller.body]).toEqual([CHALLENGE_INVALID, CHALLENGE_INVALID]);
  });

  it("expires a challenge after userActionTtlSeconds", async () => {
    const clock = manualClock();
    const server = await start({ now: clock.now, userActionTtlSeconds: 30 });
    const inTime = await initChallenge(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    const tooLate = await initChallenge(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    clock.at += 30_000 - 1;
    expect((await exchange(server, admin, inTime.challengeIdentifier, await signFactor(admin, inTime))).status).toBe(200);
    clock.at += 1;
    const expired = await exchange(server, admin, tooLate.challengeIdentifier, await signFactor(admin, tooLate));
    expect(expired.status).toBe(400);
    expect(expired.body).toEqual(CHALLENGE_INVALID);
  });

  it("issues a fresh challenge each time, naming the Key credential kind", async () => {
    const server = await start();
    const parts: SignedParts = { method: "DELETE", path: userPath(EMPLOYEE_1) };
    const [first, second] = [await initChallenge(server, admin, parts), await initChallenge(server, admin, parts)];
    expect(first.challenge).not.toBe(second.challenge);
    expect(first.challengeIdentifier).not.toBe(second.challengeIdentifier);
    expect(first.supportedCredentialKinds).toEqual([{ kind: "Key", factor: "first", requiresSecondFactor: false }]);
    // The relying party is the host the caller addressed.
    expect(first.rp?.id).toBe(new URL(server.url).hostname);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Permissions
// ---------------------------------------------------------------------------------------------

describe("archive permissions (Auth:Users:Update, plus Auth:Types:<target kind>)", () => {
  it.each([
    ["the reader", "an employee", "Auth:Users:Update", reader, EMPLOYEE_1],
    ["the reader", "an end user", "Auth:Users:Update", reader, END_USER_1],
    ["the employee manager", "an end user", "Auth:Types:EndUser", employeeManager, END_USER_1],
    ["the end-user manager", "an employee", "Auth:Types:Employee", endUserManager, EMPLOYEE_1],
    ["the end-user manager", "the seed user (an employee)", "Auth:Types:Employee", endUserManager, SEED_USER],
  ])("refuses %s archiving %s: 403 missing %s", async (_who, _target, permission, caller, userId) => {
    const server = await start();
    const reply = await archive(server, caller, userId);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(notAllowed(caller, permission));
    expect((await getUser(server, userId)).body).toMatchObject({ userId, isActive: true });
  });

  it.each([
    ["the employee manager", "an employee", employeeManager, EMPLOYEE_1],
    ["the end-user manager", "an end user", endUserManager, END_USER_1],
    ["the admin", "an employee", admin, EMPLOYEE_2],
    ["the admin", "an end user", admin, END_USER_2],
  ])("lets %s archive %s", async (_who, _target, caller, userId) => {
    const server = await start();
    const reply = await archive(server, caller, userId);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...fixtureUser(userId), isActive: false });
  });

  it.each([
    ["deactivate", "the employee manager", "an end user", "Auth:Types:EndUser", employeeManager, END_USER_1],
    ["deactivate", "the end-user manager", "an employee", "Auth:Types:Employee", endUserManager, EMPLOYEE_1],
    ["deactivate", "the reader", "an employee", "Auth:Users:Update", reader, EMPLOYEE_1],
    ["activate", "the reader", "an employee", "Auth:Users:Update", reader, DEACTIVATED_USER],
    ["activate", "the end-user manager", "an employee", "Auth:Types:Employee", endUserManager, DEACTIVATED_USER],
  ])("applies the same rule to %s: refuses %s on %s, 403 missing %s", async (action, _who, _target, permission, caller, userId) => {
    const server = await start();
    const reply = await signedRequest(server, caller, { method: "PUT", path: `${userPath(userId)}/${action}` });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(notAllowed(caller, permission));
  });

  it("lets the employee manager deactivate and activate an employee", async () => {
    const server = await start();
    expect((await signedRequest(server, employeeManager, { method: "PUT", path: `${userPath(EMPLOYEE_1)}/deactivate` })).status).toBe(200);
    expect((await signedRequest(server, employeeManager, { method: "PUT", path: `${userPath(EMPLOYEE_1)}/activate` })).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Archive, activate and deactivate
// ---------------------------------------------------------------------------------------------

describe("archiving a user", () => {
  it("answers 200 with isActive false, after which the user is gone", async () => {
    const server = await start();
    expect((await getUser(server, EMPLOYEE_1)).body).toEqual(fixtureUser(EMPLOYEE_1));

    const reply = await archive(server, admin, EMPLOYEE_1);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...fixtureUser(EMPLOYEE_1), isActive: false });

    const read = await getUser(server, EMPLOYEE_1);
    expect(read.status).toBe(404);
    expect(read.body).toEqual(NOT_FOUND);
    const again = await archive(server, admin, EMPLOYEE_1);
    expect(again.status).toBe(404);
    expect(again.body).toEqual(NOT_FOUND);
    expect(await listIds(server)).toEqual(ORG_USER_IDS.filter((userId) => userId !== EMPLOYEE_1));
  });

  it.each([
    ["an unknown id", UNKNOWN_USER],
    ["a user of another organisation", FOREIGN_USER],
  ])("answers 404 for %s", async (_what, userId) => {
    const server = await start();
    const reply = await archive(server, admin, userId);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual(NOT_FOUND);
    expect((await getUser(server, userId)).status).toBe(404);
  });

  it("refuses to archive yourself with 422", async () => {
    const server = await start();
    const reply = await archive(server, admin, admin.userId);
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ error: { message: "A user cannot archive themselves" } });
    expect((await getUser(server, admin.userId)).status).toBe(200);
  });

  it("archives a deactivated user", async () => {
    const server = await start();
    const reply = await archive(server, admin, DEACTIVATED_USER);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(fixtureUser(DEACTIVATED_USER));
    expect((await getUser(server, DEACTIVATED_USER)).status).toBe(404);
  });

  it("locks an archived caller out: its token then answers 401", async () => {
    const server = await start();
    expect((await archive(server, admin, employeeManager.userId)).status).toBe(200);
    const read = await send(server, "GET", "/auth/users", { token: employeeManager.token });
    const init = await send(server, "POST", "/auth/action/init", {
      token: employeeManager.token,
      body: JSON.stringify({ userActionPayload: "", userActionHttpMethod: "DELETE", userActionHttpPath: userPath(EMPLOYEE_1) }),
    });
    expect([read.status, init.status]).toEqual([401, 401]);
    expect([read.body, init.body]).toEqual([NOT_AUTHORIZED, NOT_AUTHORIZED]);
  });

  it("keeps state per server", async () => {
    const first = await start();
    const second = await start();
    expect((await archive(first, admin, EMPLOYEE_1)).status).toBe(200);
    expect((await getUser(first, EMPLOYEE_1)).status).toBe(404);
    expect((await getUser(second, EMPLOYEE_1)).status).toBe(200);
  });
});

describe("activating and deactivating a user", () => {
  const deactivate = (server: ReferenceServer, userId: string, caller = admin) => signedRequest(server, caller, { method: "PUT", path: `${userPath(userId)}/deactivate` });
  const activate = (server: ReferenceServer, userId: string, caller = admin) => signedRequest(server, caller, { method: "PUT", path: `${userPath(userId)}/activate` });

  it("deactivates (still readable and listed), refuses a second deactivation, and activates again", async () => {
    const server = await start();
    const off = await deactivate(server, EMPLOYEE_1);
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ ...fixtureUser(EMPLOYEE_1), isActive: false });
    expect((await getUser(server, EMPLOYEE_1)).body).toEqual({ ...fixtureUser(EMPLOYEE_1), isActive: false });
    expect(await listIds(server)).toContain(EMPLOYEE_1);

    const twice = await deactivate(server, EMPLOYEE_1);
    expect(twice.status).toBe(422);
    expect(twice.body).toEqual({ error: { message: "User is already deactivated" } });

    const on = await activate(server, EMPLOYEE_1);
    expect(on.status).toBe(200);
    expect(on.body).toEqual(fixtureUser(EMPLOYEE_1));
    expect((await getUser(server, EMPLOYEE_1)).body).toMatchObject({ isActive: true });
  });

  it("refuses to activate an active user with 422", async () => {
    const server = await start();
    const reply = await activate(server, EMPLOYEE_1);
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ error: { message: "User is already active" } });
  });

  it("activates the seeded deactivated user", async () => {
    const server = await start();
    const reply = await activate(server, DEACTIVATED_USER);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...fixtureUser(DEACTIVATED_USER), isActive: true });
  });

  it("refuses to deactivate yourself with 422", async () => {
    const server = await start();
    const reply = await deactivate(server, admin.userId);
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ error: { message: "A user cannot deactivate themselves" } });
  });

  it.each([
    ["an unknown id", UNKNOWN_USER],
    ["a user of another organisation", FOREIGN_USER],
  ])("answers 404 for %s", async (_what, userId) => {
    const server = await start();
    for (const reply of [await deactivate(server, userId), await activate(server, userId)]) {
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual(NOT_FOUND);
    }
  });

  it("a deactivated caller is locked out until activated again", async () => {
    const server = await start();
    expect((await deactivate(server, employeeManager.userId)).status).toBe(200);
    const read = await send(server, "GET", "/auth/users", { token: employeeManager.token });
    expect(read.status).toBe(401);
    expect(read.body).toEqual(NOT_AUTHORIZED);
    expect((await activate(server, employeeManager.userId)).status).toBe(200);
    expect((await send(server, "GET", "/auth/users", { token: employeeManager.token })).status).toBe(200);
  });
});

describe("reading, listing and creating users", () => {
  it("lists the caller's organisation only, filters by kind and pages with nextPageToken", async () => {
    const server = await start();
    expect(await listIds(server)).toEqual(ORG_USER_IDS);
    expect(await listIds(server, "?kind=EndUser")).toEqual([END_USER_1, END_USER_2]);

    const seen: string[] = [];
    let query = "?limit=5";
    for (;;) {
      const page = (await send(server, "GET", `/auth/users${query}`)).body as { items: User[]; nextPageToken?: string };
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((user) => user.userId));
      if (!page.nextPageToken) break;
      query = `?limit=5&paginationToken=${page.nextPageToken}`;
    }
    expect(seen).toEqual(ORG_USER_IDS);
  });

  it("reads a user of the organisation and answers 404 for a foreign or unknown one", async () => {
    const server = await start();
    const reply = await getUser(server, END_USER_1, reader);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(fixtureUser(END_USER_1));
    for (const userId of [FOREIGN_USER, UNKNOWN_USER]) {
      const missing = await getUser(server, userId, reader);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual(NOT_FOUND);
    }
  });

  it("creates an employee (Auth:Users:Create + Auth:Types:Employee), once per username", async () => {
    const server = await start();
    const client = typedClient(server, admin);
    const { data, response } = await client.POST("/auth/users", { body: { email: "New.Person@example.co", kind: "CustomerEmployee" } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ username: "New.Person@example.co", kind: "CustomerEmployee", isActive: true, orgId: fixtureUser(admin.userId).orgId });
    expect(data!.userId).toMatch(/^us-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{16}$/);
    expect((await getUser(server, data!.userId)).body).toEqual(data);

    const duplicate = await client.POST("/auth/users", { body: { email: "new.person@EXAMPLE.co", kind: "CustomerEmployee" } });
    expect(duplicate.response.status).toBe(400);
    expect(duplicate.error).toEqual({ error: { message: "A user with username new.person@EXAMPLE.co already exists" } });
  });

  it("creates an end user by delegated registration: the challenge names the new user, who can then be read and archived", async () => {
    const server = await start();
    const body = JSON.stringify({ email: "jane.doe@example.co", kind: "EndUser" });
    const reply = await signedRequest(server, admin, { method: "POST", path: "/auth/registration/delegated", body });
    expect(reply.status).toBe(200);
    const challenge = reply.body as { user: { id: string; name: string; displayName: string }; temporaryAuthenticationToken: string; challenge: string };
    expect(challenge).toMatchObject({ user: { name: "jane.doe@example.co", displayName: "jane.doe@example.co" }, temporaryAuthenticationToken: expect.any(String), challenge: expect.any(String) });
    const created = await getUser(server, challenge.user.id);
    expect(created.body).toMatchObject({ userId: challenge.user.id, username: "jane.doe@example.co", kind: "EndUser", isActive: true, isRegistered: false });
    const again = await signedRequest(server, admin, { method: "POST", path: "/auth/registration/delegated", body });
    expect(again.status).toBe(409);
    expect((await archive(server, endUserManager, challenge.user.id)).body).toMatchObject({ userId: challenge.user.id, kind: "EndUser", isActive: false });
  });

  it("refuses delegated registration without Auth:Users:Create, and an end user without Auth:Types:EndUser", async () => {
    const server = await start();
    const endUser = JSON.stringify({ email: "someone@example.co", kind: "EndUser" });
    const byManager = await signedRequest(server, endUserManager, { method: "POST", path: "/auth/registration/delegated", body: endUser });
    expect(byManager.status).toBe(403);
    expect(byManager.body).toEqual(notAllowed(endUserManager, "Auth:Users:Create"));
    const unsigned = await send(server, "POST", "/auth/registration/delegated", { body: endUser });
    expect(unsigned.status).toBe(403);
    const badKind = await signedRequest(server, admin, { method: "POST", path: "/auth/registration/delegated", body: JSON.stringify({ email: "x@example.co", kind: "DfnsStaff" }) });
    expect(badKind.status).toBe(400);
  });

  it("refuses to let the employee manager create a user: 403 missing Auth:Users:Create", async () => {
    const server = await start();
    const body = JSON.stringify({ email: "new.person@example.co", kind: "CustomerEmployee" });
    const reply = await signedRequest(server, employeeManager, { method: "POST", path: "/auth/users", body });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(notAllowed(employeeManager, "Auth:Users:Create"));
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Seed-era headers: X-DFNS-APPID and X-DFNS-NONCE
// ---------------------------------------------------------------------------------------------

describe("seed-era headers", () => {
  const clock = manualClock();
  const fresh = (uuid: string = randomUUID(), offsetMs = 0) => nonce({ uuid, date: new Date(clock.at + offsetMs).toISOString() });

  it.each([
    ["neither header", () => ({})],
    ["X-DFNS-APPID only", () => ({ "X-DFNS-APPID": org.app.appId })],
    ["X-DFNS-NONCE only", () => ({ "X-DFNS-NONCE": fresh() })],
    ["both headers", () => ({ "X-DFNS-APPID": org.app.appId, "X-DFNS-NONCE": fresh() })],
  ])("accepts a request with %s", async (_what, headers) => {
    const server = await start({ now: clock.now });
    const reply = await send(server, "GET", userPath(EMPLOYEE_1), { headers: headers() });
    expect(reply.status).toBe(200);
  });

  it("archives through the typed client with an app id (a fresh nonce on each of its three requests)", async () => {
    const server = await start();
    const { data, response } = await typedClient(server, admin, org.app.appId).DELETE("/auth/users/{userId}", { params: { path: { userId: EMPLOYEE_1 } } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ userId: EMPLOYEE_1, isActive: false });
  });

  it("accepts a 13-character uuid and a date exactly five minutes away", async () => {
    const server = await start({ now: clock.now });
    for (const header of [fresh("1234567890123"), fresh(undefined, -300_000), fresh(undefined, 300_000)]) {
      expect((await send(server, "GET", "/auth/users", { headers: { "X-DFNS-NONCE": header } })).status).toBe(200);
    }
  });

  it.each([
    ["not base64url JSON", () => Buffer.from("not json").toString("base64url")],
    ["not base64url at all", () => "!!!"],
    ["empty", () => ""],
    ["a JSON value that is not an object", () => nonce("uuid-and-date-please")],
    ["a uuid shorter than 13 characters", () => fresh("123456789012")],
    ["a uuid that is not a string", () => nonce({ uuid: 12345678901234, date: new Date(clock.at).toISOString() })],
    ["no date", () => nonce({ uuid: randomUUID() })],
    ["a date that is not a date", () => nonce({ uuid: randomUUID(), date: "yesterday" })],
    ["a stale date (over five minutes old)", () => fresh(undefined, -300_001)],
    ["a date over five minutes ahead", () => fresh(undefined, 300_001)],
  ])("refuses a nonce that is %s with 400, on reads, signing and archives", async (_what, header) => {
    const server = await start({ now: clock.now });
    const replies = [
      await send(server, "GET", "/auth/users", { headers: { "X-DFNS-NONCE": header() } }),
      await send(server, "POST", "/auth/action/init", {
        headers: { "X-DFNS-NONCE": header() },
        body: JSON.stringify({ userActionPayload: "", userActionHttpMethod: "DELETE", userActionHttpPath: userPath(EMPLOYEE_1) }),
      }),
    ];
    const userAction = await userActionToken(server, admin, { method: "DELETE", path: userPath(EMPLOYEE_1) });
    replies.push(await send(server, "DELETE", userPath(EMPLOYEE_1), { headers: { "X-DFNS-NONCE": header(), "X-DFNS-USERACTION": userAction } }));
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(NONCE_INVALID);
    }
    expect((await getUser(server, EMPLOYEE_1)).status).toBe(200);
  });

  it("refuses the same nonce twice with 400, even across callers and operations", async () => {
    const server = await start({ now: clock.now });
    const header = fresh();
    expect((await send(server, "GET", "/auth/users", { headers: { "X-DFNS-NONCE": header } })).status).toBe(200);
    const sameCaller = await send(server, "GET", "/auth/users", { headers: { "X-DFNS-NONCE": header } });
    const otherCaller = await send(server, "GET", userPath(EMPLOYEE_1), { token: reader.token, headers: { "X-DFNS-NONCE": header } });
    expect([sameCaller.status, otherCaller.status]).toEqual([400, 400]);
    expect([sameCaller.body, otherCaller.body]).toEqual([NONCE_REUSED, NONCE_REUSED]);
  });

  it("refuses a malformed X-DFNS-APPID with 400", async () => {
    const server = await start();
    const reply = await send(server, "GET", "/auth/users", { headers: { "X-DFNS-APPID": "not-an-app-id" } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: { message: expect.stringContaining("header/X-DFNS-APPID") } });
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Invalid input and routing
// ---------------------------------------------------------------------------------------------

describe("invalid input", () => {
  const init = (body: unknown) => ({ method: "POST", path: "/auth/action/init", body: typeof body === "string" ? body : JSON.stringify(body) });

  it.each<[string, { method: string; path: string; body?: string }, string]>([
    ["limit=0", { method: "GET", path: "/auth/users?limit=0" }, "query/limit"],
    ["limit=201", { method: "GET", path: "/auth/users?limit=201" }, "query/limit"],
    ["limit=ten", { method: "GET", path: "/auth/users?limit=ten" }, "query/limit"],
    ["an unknown kind", { method: "GET", path: "/auth/users?kind=Robot" }, "query/kind"],
    ["a malformed paginationToken", { method: "GET", path: "/auth/users?paginationToken=bm90LWEtbnVtYmVy" }, "paginationToken is not valid"],
    ["a body that is not JSON", init("{not json"), "body is not valid JSON"],
    ["a JSON null body", init("null"), "body"],
    ["an unknown property in /auth/action/init", init({ userActionPayload: "", userActionHttpMethod: "DELETE", userActionHttpPath: userPath(EMPLOYEE_1), extra: true }), "body"],
    ["a missing property in /auth/action/init", init({ userActionPayload: "", userActionHttpMethod: "DELETE" }), "body"],
    ["an unsigned method in /auth/action/init", init({ userActionPayload: "", userActionHttpMethod: "PATCH", userActionHttpPath: userPath(EMPLOYEE_1) }), "body/userActionHttpMethod"],
    ["no body at /auth/action/init", { method: "POST", path: "/auth/action/init" }, "body is required but missing"],
    ["an empty object at /auth/action", { method: "POST", path: "/auth/action", body: "{}" }, "body"],
    ["a malformed userId on GET", { method: "GET", path: "/auth/users/not-a-user-id" }, "path/userId"],
    ["an upper-case userId on DELETE", { method: "DELETE", path: "/auth/users/US-3MP1Y-00001-0A1B2C3D4E5F6G7H" }, "path/userId"],
    ["a userId that is malformed percent-encoding", { method: "GET", path: "/auth/users/%E0%A4%A" }, "path/userId"],
    ["a malformed userId on PUT activate", { method: "PUT", path: "/auth/users/us-nope/activate" }, "path/userId"],
    ["a non-empty archive body", { method: "DELETE", path: userPath(EMPLOYEE_1), body: '{"reason":"gone"}' }, "body"],
    ["an invalid create body", { method: "POST", path: "/auth/users", body: JSON.stringify({ email: "not-an-email", kind: "EndUser" }) }, "body/"],
  ])("answers 400 with the error envelope for %s", async (_what, request, mentions) => {
    const server = await start();
    const reply = await send(server, request.method, request.path, { body: request.body });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: { message: expect.stringContaining(mentions) } });
    expect((await getUser(server, EMPLOYEE_1)).body).toMatchObject({ isActive: true });
  });

  it.each([
    ["GET", "/auth/nothing"],
    ["GET", "/auth/users/us-3mp1y-00001-0a1b2c3d4e5f6g7h/archive"],
    ["DELETE", "/users/us-3mp1y-00001-0a1b2c3d4e5f6g7h"],
  ])("answers 404 to the undocumented path %s %s", async (method, path) => {
    const server = await start();
    const reply = await send(server, method, path);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ error: { message: "Route not found" } });
  });

  it.each([
    ["PATCH", userPath(EMPLOYEE_1), "GET, DELETE"],
    ["POST", userPath(EMPLOYEE_1), "GET, DELETE"],
    ["DELETE", "/auth/users", "GET, POST"],
    ["GET", `${userPath(EMPLOYEE_1)}/deactivate`, "PUT"],
    ["GET", "/auth/action/init", "POST"],
  ])("answers 405 with Allow to the undocumented method %s %s", async (method, path, allow) => {
    const server = await start();
    const reply = await send(server, method, path);
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe(allow);
    expect(reply.body).toEqual({ error: { message: `Method not allowed: use ${allow}` } });
  });
});

// ---------------------------------------------------------------------------------------------
// 8. A deactivated caller
// ---------------------------------------------------------------------------------------------

describe("a deactivated caller", () => {
  it.each([
    ["GET", "/auth/users"],
    ["GET", userPath(EMPLOYEE_1)],
    ["DELETE", userPath(EMPLOYEE_1)],
    ["PUT", `${userPath(EMPLOYEE_1)}/deactivate`],
  ])("gets 401 Not Authorized. on %s %s", async (method, path) => {
    const server = await start();
    const reply = await send(server, method, path, { token: DEACTIVATED_TOKEN });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(NOT_AUTHORIZED);
  });

  it("gets 400 User account has been deactivated. from user action signing", async () => {
    const server = await start();
    const init = await send(server, "POST", "/auth/action/init", {
      token: DEACTIVATED_TOKEN,
      body: JSON.stringify({ userActionPayload: "", userActionHttpMethod: "DELETE", userActionHttpPath: userPath(EMPLOYEE_1) }),
    });
    const action = await send(server, "POST", "/auth/action", {
      token: DEACTIVATED_TOKEN,
      body: JSON.stringify({ challengeIdentifier: "x", firstFactor: { kind: "Key", credentialAssertion: { credId: "c", clientData: "e30", signature: "AA" } } }),
    });
    expect([init.status, action.status]).toEqual([400, 400]);
    expect([init.body, action.body]).toEqual([DEACTIVATED_ACCOUNT, DEACTIVATED_ACCOUNT]);
  });
});

describe("a caller without a Key credential", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("gets 401 from /auth/action/init with the documented message", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "archive-kit-dfns-"));
    const withoutReaderKey = { ...org, credentials: org.credentials.filter((credential) => credential.userId !== reader.userId) };
    writeFileSync(path.join(dir, "org.json"), JSON.stringify(withoutReaderKey));
    const server = await start({ fixtures: dir });
    const reply = await send(server, "POST", "/auth/action/init", {
      token: reader.token,
      body: JSON.stringify({ userActionPayload: "", userActionHttpMethod: "DELETE", userActionHttpPath: userPath(EMPLOYEE_1) }),
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: { message: "User does not have a credential that can be used for the application." } });
    expect((await getUser(server, EMPLOYEE_1, reader)).status).toBe(200);
  });
});
