/**
 * Property-based fuzzing of both reference servers: thousands of random and malformed requests
 * (documented and odd paths, every method, good and garbage credentials, query strings, headers
 * and bodies), sent 16 at a time over real HTTP. Whatever arrives, a server must answer, never
 * with a 5xx, every error as its API's JSON error envelope, every answer to a documented operation
 * within the contract (`server.violations`), and still serve a normal request afterwards.
 *
 * The cases come from fast-check with a fixed seed (override with FUZZ_SEED=<n>); a failure names
 * the seed, the case number and the exact request and response. FUZZ_STATS=1 prints how many
 * requests reached each operation and status.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturesDir, type ApiName } from "../../src/apis/shipped-apis.js";
import { formatIssues, type Validator } from "../../src/contract/index.js";
import type { SchemaObject } from "../../src/contract/types.js";
import { createKeySigner, type DfnsSigner } from "../../src/index.js";
import { startReferenceServer, type ReferenceServer } from "../../src/wiring.js";
import { shippedContract } from "../helpers/contracts.js";

const CASES = 2_000;
const CONCURRENCY = 16;
const SEEDS: Record<ApiName, number> = {
  intercom: Number(process.env.FUZZ_SEED ?? 1_300_001),
  dfns: Number(process.env.FUZZ_SEED ?? 2_023_001),
};

// ─── Fixtures ────────────────────────────────────────────────────────────────────────────────

const intercomUsers = readJson<{ users: Array<{ id: string; user_id: string; email: string }> }>("intercom", "users.json").users;
const intercomTokens = readJson<{ tokens: Array<{ token: string }> }>("intercom", "tokens.json").tokens.map((entry) => entry.token);
const INTERCOM_TOKEN = intercomTokens[0]!;

const dfnsOrg = readJson<{
  app: { appId: string };
  users: Array<{ userId: string }>;
  tokens: Array<{ token: string; userId: string }>;
  credentials: Array<{ credId: string; userId: string; privateKeyFile: string }>;
}>("dfns", "org.json");
const DFNS_ADMIN_TOKEN = dfnsOrg.tokens[0]!.token;
const dfnsAdminCredential = dfnsOrg.credentials.find((credential) => credential.userId === dfnsOrg.tokens[0]!.userId)!;
const dfnsOtherCredId = dfnsOrg.credentials.find((credential) => credential !== dfnsAdminCredential)!.credId;

function readJson<T>(api: ApiName, file: string): T {
  return JSON.parse(readFileSync(path.join(fixturesDir(api), file), "utf8")) as T;
}

// ─── Wire format and sending ─────────────────────────────────────────────────────────────────

/** A request exactly as it goes on the wire (the target is sent verbatim). */
interface Wire {
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Set when no HTTP response arrived at all. */
  transportError?: string;
}

interface Exchange {
  caseIndex: number;
  request: Wire;
  response: Answer;
}

/** Sends one request with node:http, so the target, method and headers are not normalised. */
function send(base: URL, agent: http.Agent, wire: Wire): Promise<Answer> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...wire.headers };
    if (wire.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(wire.body));
    let request: http.ClientRequest;
    try {
      request = http.request({ host: base.hostname, port: base.port, method: wire.method, path: wire.target, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", (error) => resolve({ status: 0, headers: {}, body: "", transportError: error.message }));
      });
    } catch (error) {
      // The generators only build requests node:http can send: this is a bug of this test.
      throw new Error(`the fuzz generator built an unsendable request (${(error as Error).message}): ${show(wire)}`);
    }
    request.on("error", (error) => resolve({ status: 0, headers: {}, body: "", transportError: error.message }));
    request.end(wire.body);
  });
}

/**
 * Writes raw bytes on a fresh connection and returns what comes back until the server closes it
 * (for requests node:http refuses to send).
 */
function sendRaw(base: URL, bytes: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () => {
      const text = Buffer.concat(chunks).toString("latin1");
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    const socket = net.connect(Number(base.port), base.hostname, () => socket.end(bytes));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("close", done);
    socket.on("error", () => undefined); // a reset after the answer: `close` follows
  });
}

// ─── Shared generators ───────────────────────────────────────────────────────────────────────

const STANDARD_METHODS = ["GET", "POST", "PUT", "DELETE"] as const;
const ODD_METHODS = ["PATCH", "OPTIONS", "HEAD", "TRACE"] as const;
/** Methods Node's HTTP parser knows but no API uses. */
const RARE_METHODS = ["PROPFIND", "PURGE", "SEARCH", "LINK", "MOVE", "REPORT", "MKCOL", "UNLOCK"] as const;

const anyMethod = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...STANDARD_METHODS) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_METHODS) },
  { weight: 1, arbitrary: fc.constantFrom(...RARE_METHODS) },
);

/** Percent-encodes every byte of the UTF-8 text except the unreserved characters. */
function pct(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9._~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Percent-encodes every byte, unreserved ones too ("a" → "%61"). */
function pctAll(text: string): string {
  return [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

const printableChar = (exclude: string) =>
  fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)).filter((char) => !exclude.includes(char));

/** Raw printable ASCII (what a request target may carry unencoded). */
const rawText = (maxLength: number, exclude = "") => fc.string({ unit: printableChar(exclude), maxLength });

/** Any Unicode text (astral planes, combining marks, controls), percent-encoded. */
const encodedUnicode = (maxLength: number) => fc.string({ unit: "binary", maxLength }).map(pct);

/** A long run of one unit, up to ~6,000 characters (the request line must stay under Node's 16 kB header limit). */
const longText = fc
  .tuple(fc.constantFrom("a", "0", "%41", "%C3%BC", "%F0%9F%98%80", "..", "%2F", "-_", "%"), fc.integer({ min: 256, max: 6_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const oddSegment = fc.oneof(
  fc.constantFrom("", ".", "..", "...", "%2e%2e", "%2E", ".%2e", "%2F", "%2f..%2f", "%5C", "%00", "%ZZ", "%", "%u0041", "%E2%82", "%C0%AF", "~", ";", "a;b=c", "%20", "+", "*", "@", "!$&'()*+,;=", "%3F", "%23", "null", "undefined", "0", "-1", "1e309", "[]", "{id}", "%7Bid%7D"),
  encodedUnicode(12),
  rawText(16, "/?#"),
  longText,
);

/** Odd paths near the API's own words: dot segments, empty segments, encodings, long and unicode segments. */
const oddPath = (words: readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...words), oddSegment), { minLength: 0, maxLength: 6 }).map((segments) => `/${segments.join("/")}`) },
    { weight: 1, arbitrary: fc.constantFrom("/", "//", "///", "*", "http://example.com/users", "https://api.example.com/auth/users", "//users", "/%2e%2e/%2e%2e/etc/passwd", "/./", "/../", "/users/..;/") },
  );

/** Appends a query string: documented keys and others, repeated keys, invalid percent-encodings. */
const queryString = (keys: readonly string[], values: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant("") },
    {
      weight: 5,
      arbitrary: fc
        .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: encodedUnicode(8) }), fc.option(values, { nil: undefined, freq: 6 })), {
          minLength: 1,
          maxLength: 4,
        })
        .map((pairs) => `?${pairs.map(([key, value]) => (value === undefined ? key : `${key}=${value}`)).join("&")}`),
    },
    { weight: 1, arbitrary: fc.constantFrom("?", "?&", "?=", "?&&=&", "?%", "?%%%", "?=%ZZ", "?a=1;b=2", "?a[]=1&a[]=2", "?a[b][c]=d", "?+=+") },
    { weight: 1, arbitrary: rawText(300, "#").map((text) => `?${text}`) },
  );

const queryValue = (documented: readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...documented) },
    { weight: 2, arbitrary: encodedUnicode(20) },
    { weight: 1, arbitrary: rawText(30, "&#") },
    { weight: 1, arbitrary: fc.constantFrom("", "%", "%G1", "%E2%82", "%00", "%FF%FE", "%25", "+", "%2B", "null", "[]", "%20%20") },
    { weight: 1, arbitrary: longText.map((text) => text.slice(0, 2_000)) },
  );

/** Header values Node lets a client send: printable ASCII, tabs, spaces and Latin-1 bytes. */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) }, { weight: 1, arbitrary: fc.constantFrom(0x09, 0xa0, 0xe9, 0xff) }).map((code) => String.fromCharCode(code)),
    maxLength,
  });

const garbageToken = fc.oneof(headerText(60), fc.base64String({ maxLength: 64 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,86}$/), fc.constantFrom("", " ", "null", "undefined", "Bearer", "\t"));

const ACCEPTS = ["application/json", "*/*", "application/*", "application/json; charset=utf-8", "text/html", "application/xml", "text/plain", "application/json;q=0", "*/*;q=0", "text/html, application/json;q=0.1", "text/html;q=0.9, */*;q=0.1", "application/json;q=abc", "application/json;q=2", "", ";;;", ",", "*/json", "application/", "/", "garbage", "image/*, text/*"];
const acceptHeader = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: fc.constantFrom(...ACCEPTS) }, { weight: 1, arbitrary: headerText(40) });

const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/json;charset=latin1", "text/plain", "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/vnd.api+json", "application/*", "*/*", "", ";", "json", "application/json, text/plain"];
const contentTypeHeader = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 5, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: headerText(40) });

/** Headers that change HTTP framing or connection handling are left to the client. */
const FRAMING_HEADERS = new Set(["content-length", "transfer-encoding", "host", "connection", "expect", "upgrade", "te", "trailer", "keep-alive", "proxy-connection"]);
const extraHeaders = fc.dictionary(
  fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,24}$/).filter((name) => !FRAMING_HEADERS.has(name.toLowerCase())),
  headerText(80),
  { maxKeys: 3 },
);

const INVALID_JSON = ["{", "}", "[1,", "{'a':1}", "nul", "undefined", "NaN", '{"a":}', "\u0000", "   ", "{}}", '"unterminated', "\uFEFF{}", "{\"a\":1,}", "[", "tru", "0x10", "{\"a\":\"\\x\"}", "\"\\uD800\"x", "<xml/>"];

const hugeText = fc
  .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 10_000, max: 100_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** Bodies: none, random JSON, invalid JSON, huge strings, and the API's own shapes (`shaped`). */
const bodyOf = (shaped: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...INVALID_JSON), fc.string({ unit: "binary", maxLength: 40 })) },
    { weight: 1, arbitrary: fc.oneof(hugeText, hugeText.map((text) => JSON.stringify(text)), fc.tuple(shaped, hugeText).map(([value, text]) => JSON.stringify(withHugeField(value, text)))) },
    { weight: 4, arbitrary: shaped.map((value) => JSON.stringify(value)) },
  );

function withHugeField(value: unknown, text: string): unknown {
  return value && typeof value === "object" && !Array.isArray(value) ? { ...value, huge: text, name: text } : { huge: text };
}

/**
 * The API's shapes, with extra members now and then: random names, and names the API uses
 * elsewhere (`knownKeys`, e.g. the response object's own fields) holding values of any type.
 */
const withExtras = <T extends object>(shape: fc.Arbitrary<T>, knownKeys: readonly string[] = []) =>
  fc.oneof(
    { weight: 3, arbitrary: shape },
    {
      weight: 1,
      arbitrary: fc
        .tuple(shape, fc.dictionary(knownKeys.length > 0 ? fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...knownKeys)) : fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 }))
        .map(([value, extra]) => ({ ...extra, ...value })),
    },
  );

/**
 * Strings at a length limit made partly of characters whose case mapping changes their length or
 * meaning (İ lower-cases to two code points, ẞ, Σ, the Kelvin sign, ligatures, astral letters).
 */
const TRICKY_CASE = ["İ", "ẞ", "Σ", "ς", "K", "Å", "ﬀ", "ǅ", "𐐀", "ı", "A"];
const atLimit = (limit: number) =>
  fc
    .tuple(fc.array(fc.constantFrom(...TRICKY_CASE), { minLength: 1, maxLength: 8 }), fc.integer({ min: limit - 5, max: limit }))
    .map(([tricky, length]) => {
      const head = tricky.join("");
      return head + "a".repeat(Math.max(0, length - [...head].length - "@example.com".length)) + "@example.com";
    });

function compact(headers: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

// ─── Intercom cases ──────────────────────────────────────────────────────────────────────────

interface PlainCase {
  kind: "plain";
  wire: Wire;
  /** Dfns: a fresh `X-DFNS-NONCE` is added when the case is sent. */
  freshNonce?: boolean;
}

const basic = (user: string) => `Basic ${Buffer.from(user).toString("base64")}`;

const intercomAuthorization = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...intercomTokens.map((token) => `Bearer ${token}`), basic(`${INTERCOM_TOKEN}:`)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(undefined, "", "Bearer", "Bearer ", "bearer test-only-intercom-token", "BEARER test-only-intercom-token", "Basic", "Basic !!!", basic(INTERCOM_TOKEN), basic(`${INTERCOM_TOKEN}:x`), basic(":"), basic("wrong:"), "Token test-only-intercom-token", "Bearer\ttest-only-intercom-token", "  Bearer   test-only-intercom-token  ", "Bearer test-only-intercom-token-3"),
  },
  { weight: 1, arbitrary: garbageToken.map((token) => `Bearer ${token}`) },
  { weight: 1, arbitrary: garbageToken.map((token) => `Basic ${token}`) },
  { weight: 1, arbitrary: headerText(60) },
);

const intercomVersion = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constantFrom("1.3", "1.0", "1.4", "2.11", "Unstable") },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom("", "1.5", "1.3 ", "v1.3", "unstable", "3", "1.", "1.3.0", "2.x"), headerText(20)) },
);

const intercomId = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...intercomUsers.map((user) => user.id)) },
  { weight: 2, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...intercomUsers.map((user) => user.id)).chain((id) => fc.constantFrom(id.toUpperCase(), pctAll(id), `${id}%00`, `${id};x`, `${id}.json`)) },
  { weight: 2, arbitrary: oddSegment.filter((segment) => segment !== "") },
);

const intercomQuery = queryString(
  ["user_id", "email", "user_id", "email", "id", "page", "per_page"],
  queryValue([
    ...intercomUsers.flatMap((user) => [user.user_id, pct(user.email), user.email, pct(user.email.toUpperCase())]),
    "nobody%40example.com",
    "25",
    "shared%40example.com",
  ]),
);

/** The fields of Intercom's User object (what a request body must not be able to corrupt). */
const INTERCOM_USER_FIELDS = ["type", "id", "user_id", "anonymous", "email", "phone", "name", "pseudonym", "avatar", "app_id", "companies", "location_data", "last_request_at", "created_at", "remote_created_at", "signed_up_at", "updated_at", "session_count", "social_profiles", "owner_id", "unsubscribed_from_emails", "marked_email_as_spam", "has_hard_bounced", "tags", "segments", "custom_attributes", "referrer", "utm_source", "do_not_track", "last_seen_ip", "user_agent_data"];

const nullableString = fc.option(fc.string({ maxLength: 40 }), { nil: null });
const timestamp = fc.option(fc.oneof(fc.integer({ min: 0, max: 2_147_483_647 }), fc.integer()), { nil: null });
const userAttributes = withExtras(
  fc.record(
    {
      user_id: fc.oneof(fc.constantFrom(...intercomUsers.map((user) => user.user_id), "fuzz-1", "fuzz-2"), fc.string({ maxLength: 300 })),
      email: fc.oneof(fc.constantFrom(...intercomUsers.map((user) => user.email), "EMAIL@example.com", "fuzz@example.com", "nobody-else@example.com"), fc.string({ maxLength: 300 }), atLimit(255)),
      id: fc.oneof(fc.constantFrom(...intercomUsers.map((user) => user.id)), fc.string({ maxLength: 30 })),
      name: nullableString,
      phone: nullableString,
      signed_up_at: timestamp,
      last_request_at: timestamp,
      custom_attributes: fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string({ maxLength: 20 }), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 1 })), { maxKeys: 3 }),
      companies: fc.array(fc.record({ company_id: fc.string({ maxLength: 10 }), name: fc.string({ maxLength: 10 }) }, { requiredKeys: ["company_id"] }), { maxLength: 3 }),
      unsubscribed_from_emails: fc.boolean(),
      update_last_request_at: fc.boolean(),
      new_session: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  INTERCOM_USER_FIELDS,
);
const permanentDelete = withExtras(fc.record({ intercom_user_id: fc.oneof(fc.constantFrom(...intercomUsers.map((user) => user.id)), fc.string({ maxLength: 30 })) }, { requiredKeys: [] }));
const intercomBody = bodyOf(fc.oneof(userAttributes, permanentDelete, fc.constant({})));

const intercomOperationTarget: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constantFrom("GET", "DELETE"), intercomId.map((id) => `/users/${id}`)),
  fc.tuple(fc.constantFrom("GET", "DELETE", "POST"), intercomQuery.map((query) => `/users${query}`)),
  fc.tuple(fc.constant("POST"), intercomQuery.map((query) => `/user_delete_requests${query}`)),
);
const intercomChaosTarget: fc.Arbitrary<[string, string]> = fc.tuple(
  anyMethod,
  fc.tuple(fc.oneof(intercomId.map((id) => `/users/${id}`), fc.constantFrom("/users", "/user_delete_requests"), oddPath(["users", "user_delete_requests", "me", "contacts"])), intercomQuery).map(([p, q]) => p + q),
);

const intercomChaosCases: fc.Arbitrary<PlainCase> = fc
  .record({
    target: fc.oneof({ weight: 3, arbitrary: intercomOperationTarget }, { weight: 2, arbitrary: intercomChaosTarget }),
    authorization: intercomAuthorization,
    accept: acceptHeader,
    version: intercomVersion,
    contentType: contentTypeHeader,
    extra: extraHeaders,
    body: intercomBody,
  })
  .map(({ target: [method, target], authorization, accept, version, contentType, extra, body }) => ({
    kind: "plain" as const,
    wire: {
      method,
      target,
      headers: compact({ ...extra, Authorization: authorization, Accept: accept, "Intercom-Version": version, "Content-Type": contentType }),
      body,
    },
  }));

/** Lookups by `user_id` and/or `email`, or neither. */
const intercomLookup = fc
  .record(
    {
      user_id: fc.oneof(fc.constantFrom(...intercomUsers.map((user) => user.user_id), "fuzz-1", "999"), encodedUnicode(10)),
      email: fc.oneof(fc.constantFrom(...intercomUsers.map((user) => user.email), "EMAIL@EXAMPLE.COM", "fuzz@example.com", "nobody@example.com"), fc.emailAddress()).map(pct),
    },
    { requiredKeys: [] },
  )
  .map((query) => {
    const pairs = Object.entries(query).map(([key, value]) => `${key}=${value}`);
    return pairs.length === 0 ? "" : `?${pairs.join("&")}`;
  });

/** Requests a client would send: documented operations, valid credentials and headers, the operation's body shape. */
const intercomWellFormedCases: fc.Arbitrary<PlainCase> = fc
  .record({
    operation: fc.oneof<fc.Arbitrary<[string, string, string | undefined]>[]>(
      fc.tuple(fc.constantFrom("GET", "DELETE"), intercomId.map((id) => `/users/${id}`), fc.constant(undefined)),
      fc.tuple(fc.constantFrom("GET", "DELETE"), intercomLookup.map((query) => `/users${query}`), fc.constant(undefined)),
      fc.tuple(fc.constant("POST"), fc.constant("/users"), userAttributes.map((body) => JSON.stringify(body))),
      fc.tuple(fc.constant("POST"), fc.constant("/user_delete_requests"), permanentDelete.map((body) => JSON.stringify(body))),
    ),
    authorization: fc.constantFrom(...intercomTokens.map((token) => `Bearer ${token}`), basic(`${INTERCOM_TOKEN}:`)),
    accept: fc.constantFrom(undefined, "application/json", "*/*", "application/json; charset=utf-8", "application/*"),
    version: fc.constantFrom(undefined, "1.3", "1.4", "2.11"),
    contentType: fc.constantFrom("application/json", "application/json; charset=utf-8"),
  })
  .map(({ operation: [method, target, body], authorization, accept, version, contentType }) => ({
    kind: "plain" as const,
    wire: {
      method,
      target,
      headers: compact({ Authorization: authorization, Accept: accept, "Intercom-Version": version, "Content-Type": body === undefined ? undefined : contentType }),
      body,
    },
  }));

const intercomCases = fc.oneof(intercomWellFormedCases, intercomChaosCases);

// ─── Dfns cases ──────────────────────────────────────────────────────────────────────────────

/** Dfns: a real challenge is fetched first (as the admin), then `POST /auth/action` answers it with a mutated assertion. */
interface SignatureCase {
  kind: "signature";
  credId: "own" | "other" | string;
  clientData: "signed" | "wrongType" | "otherChallenge" | string;
  signature: "valid" | string;
  factorKind: string;
  challengeIdentifier: "issued" | "twice" | string;
  extra: Record<string, unknown>;
}

/** Dfns: a real user action token is obtained first (as the admin), for this request or another one, and sent with it. */
interface UserActionCase {
  kind: "userAction";
  wire: Wire;
  signed: "same" | { method: string; path: string; payload: string };
  freshNonce: boolean;
}

/** One fuzz case: a single request, or (Dfns) a short signing exchange ending in the fuzzed request. */
type FuzzCase = PlainCase | SignatureCase | UserActionCase;

const dfnsUserIds = dfnsOrg.users.map((user) => user.userId);
const dfnsUserId = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...dfnsUserIds) },
  { weight: 2, arbitrary: fc.stringMatching(/^us-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{16}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...dfnsUserIds).chain((id) => fc.constantFrom(id.toUpperCase(), pctAll(id), `${id}%00`, `${id}-`, id.replace("us-", "or-"), `${id}.json`)) },
  { weight: 2, arbitrary: oddSegment.filter((segment) => segment !== "") },
);

const b64url = (text: string) => Buffer.from(text).toString("base64url");
/** A nonce valid for the first request that carries it, replayed by all the others. */
const REPLAYED_NONCE = b64url(JSON.stringify({ uuid: "fuzz-replayed-nonce-0001", date: new Date().toISOString() }));
const nonceHeader = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      REPLAYED_NONCE,
      b64url(JSON.stringify({ uuid: "0d9e3a72-b341-4a7c", date: "2023-05-04T12:00:00.000Z" })),
      b64url(JSON.stringify({ uuid: "short", date: new Date().toISOString() })),
      b64url(JSON.stringify({ uuid: 12345678901234, date: new Date().toISOString() })),
      b64url(JSON.stringify({ uuid: "fuzz-no-date-000001" })),
      b64url("null"),
      b64url("[]"),
      b64url("not json"),
      "",
      "===",
      "eyJ1dWlkIjoi",
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => b64url(JSON.stringify(value))) },
  { weight: 1, arbitrary: headerText(60) },
);

const dfnsAuthorization = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...dfnsOrg.tokens.map((entry) => `Bearer ${entry.token}`)) },
  { weight: 3, arbitrary: fc.constantFrom(undefined, "", "Bearer", "Bearer ", `bearer ${DFNS_ADMIN_TOKEN}`, `Bearer  ${DFNS_ADMIN_TOKEN}  `, `Bearer ${DFNS_ADMIN_TOKEN} extra`, basic(`${DFNS_ADMIN_TOKEN}:`), DFNS_ADMIN_TOKEN, `Token ${DFNS_ADMIN_TOKEN}`) },
  { weight: 1, arbitrary: garbageToken.map((token) => `Bearer ${token}`) },
  { weight: 1, arbitrary: headerText(60) },
);

const dfnsQuery = queryString(
  ["limit", "paginationToken", "kind", "limit", "kind"],
  queryValue(["1", "2", "200", "0", "201", "-1", "1.5", "1e2", "0x10", "%205", "abc", "CustomerEmployee", "EndUser", "DfnsStaff", "customeremployee", ...["0", "3", "-1", "1e400", "NaN", "3.5", "x", "9007199254740993"].map(b64url), "%3D%3D"]),
);

const dfnsSignedMethod = fc.constantFrom("POST", "PUT", "DELETE", "GET");
const dfnsPathFor = (userId: fc.Arbitrary<string>) =>
  fc.oneof(fc.constant("/auth/users"), userId.map((id) => `/auth/users/${id}`), userId.map((id) => `/auth/users/${id}/activate`), userId.map((id) => `/auth/users/${id}/deactivate`));
const createUserBody = withExtras(
  fc.record(
    {
      email: fc.oneof(fc.constantFrom("fuzz@example.co", "MyNewUser@example.co", "ADMIN@example.co"), fc.emailAddress(), fc.string({ maxLength: 30 }), atLimit(64)),
      kind: fc.constantFrom("CustomerEmployee", "CustomerEmployee", "EndUser", "customeremployee", ""),
    },
    { requiredKeys: [] },
  ),
  ["userId", "username", "orgId", "isActive", "permissions", "credentialUuid", "isServiceAccount", "isRegistered", "permissionAssignments", "externalId", "publicKey", "isSSORequired"],
);
const challengeRequestBody = withExtras(
  fc.record(
    {
      userActionPayload: fc.oneof(fc.constantFrom("", "{}"), fc.json({ maxDepth: 1 }), fc.string({ maxLength: 30 })),
      userActionHttpMethod: fc.oneof(dfnsSignedMethod, fc.constantFrom("PATCH", "delete", "")),
      userActionHttpPath: fc.oneof(dfnsPathFor(dfnsUserId), fc.string({ maxLength: 30 })),
      userActionServerKind: fc.constantFrom("Api", "Staff", "Other"),
    },
    { requiredKeys: ["userActionPayload", "userActionHttpMethod", "userActionHttpPath"] },
  ),
  ["challengeIdentifier", "userId", "caller"],
);
const signatureRequestBody = withExtras(
  fc.record(
    {
      challengeIdentifier: fc.string({ maxLength: 40 }),
      firstFactor: fc.record(
        {
          kind: fc.constantFrom("Key", "Fido2", "Password", "Totp", "Bogus"),
          credentialAssertion: fc.record(
            { credId: fc.oneof(fc.constant(dfnsAdminCredential.credId), fc.string({ maxLength: 20 })), clientData: fc.base64String({ maxLength: 40 }), signature: fc.base64String({ maxLength: 40 }) },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  ),
);
const dfnsShapes = fc.oneof(createUserBody, challengeRequestBody, signatureRequestBody, fc.constant({}));
const dfnsBody = bodyOf(dfnsShapes);

const dfnsOperationTarget: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constantFrom("GET", "POST"), dfnsQuery.map((query) => `/auth/users${query}`)),
  fc.tuple(fc.constantFrom("GET", "DELETE"), fc.tuple(dfnsUserId, dfnsQuery).map(([id, query]) => `/auth/users/${id}${query}`)),
  fc.tuple(fc.constant("PUT"), fc.tuple(dfnsUserId, fc.constantFrom("activate", "deactivate"), dfnsQuery).map(([id, action, query]) => `/auth/users/${id}/${action}${query}`)),
  fc.tuple(fc.constant("POST"), fc.tuple(fc.constantFrom("/auth/action/init", "/auth/action"), dfnsQuery).map(([p, query]) => p + query)),
);
const dfnsChaosTarget: fc.Arbitrary<[string, string]> = fc.tuple(
  anyMethod,
  fc.tuple(fc.oneof(dfnsPathFor(dfnsUserId), fc.constantFrom("/auth/action/init", "/auth/action", "/auth"), oddPath(["auth", "users", "action", "init", "activate", "deactivate", ...dfnsUserIds.slice(0, 2)])), dfnsQuery).map(([p, q]) => p + q),
);

const dfnsHeaders = fc
  .record({
    authorization: dfnsAuthorization,
    accept: acceptHeader,
    contentType: contentTypeHeader,
    nonce: nonceHeader,
    userAction: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: garbageToken }),
    appId: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(dfnsOrg.app.appId, "ap-1-2-3", "AP-X-Y-Z", "") }, { weight: 1, arbitrary: headerText(30) }),
    extra: extraHeaders,
  })
  .map(({ authorization, accept, contentType, nonce, userAction, appId, extra }) =>
    compact({ ...extra, Authorization: authorization, Accept: accept, "Content-Type": contentType, "X-DFNS-NONCE": nonce, "X-DFNS-USERACTION": userAction, "X-DFNS-APPID": appId }),
  );

const dfnsPlainCases: fc.Arbitrary<PlainCase> = fc
  .record({
    target: fc.oneof({ weight: 3, arbitrary: dfnsOperationTarget }, { weight: 2, arbitrary: dfnsChaosTarget }),
    headers: dfnsHeaders,
    body: dfnsBody,
    freshNonce: fc.boolean(),
  })
  .map(({ target: [method, target], headers, body, freshNonce }) => ({ kind: "plain" as const, wire: { method, target, headers, body }, freshNonce: freshNonce && !("X-DFNS-NONCE" in headers) }));

/** Requests a client would send: documented operations, valid tokens, fresh or no nonces, the operation's body shape. */
const dfnsWellFormedCases: fc.Arbitrary<PlainCase> = fc
  .record({
    operation: fc.oneof<fc.Arbitrary<[string, string, string | undefined]>[]>(
      fc.tuple(
        fc.constant("GET"),
        fc
          .record({ limit: fc.integer({ min: 1, max: 200 }).map(String), kind: fc.constantFrom("CustomerEmployee", "EndUser", "DfnsStaff", "AccountUser"), paginationToken: fc.nat(20).map((n) => b64url(String(n))) }, { requiredKeys: [] })
          .map((query) => `/auth/users${Object.keys(query).length === 0 ? "" : `?${new URLSearchParams(query)}`}`),
        fc.constant(undefined),
      ),
      fc.tuple(fc.constantFrom("GET", "DELETE"), dfnsUserId.map((id) => `/auth/users/${id}`), fc.constantFrom(undefined, "{}")),
      fc.tuple(fc.constant("PUT"), fc.tuple(dfnsUserId, fc.constantFrom("activate", "deactivate")).map(([id, action]) => `/auth/users/${id}/${action}`), fc.constant(undefined)),
      fc.tuple(fc.constant("POST"), fc.constant("/auth/users"), createUserBody.map((body) => JSON.stringify(body))),
      fc.tuple(fc.constant("POST"), fc.constant("/auth/action/init"), challengeRequestBody.map((body) => JSON.stringify(body))),
      fc.tuple(fc.constant("POST"), fc.constant("/auth/action"), signatureRequestBody.map((body) => JSON.stringify(body))),
    ),
    authorization: fc.oneof({ weight: 3, arbitrary: fc.constant(`Bearer ${DFNS_ADMIN_TOKEN}`) }, { weight: 2, arbitrary: fc.constantFrom(...dfnsOrg.tokens.map((entry) => `Bearer ${entry.token}`)) }),
    accept: fc.constantFrom(undefined, "application/json", "*/*"),
    appId: fc.constantFrom(undefined, dfnsOrg.app.appId),
    freshNonce: fc.boolean(),
  })
  .map(({ operation: [method, target, body], authorization, accept, appId, freshNonce }) => ({
    kind: "plain" as const,
    wire: { method, target, headers: compact({ Authorization: authorization, Accept: accept, "X-DFNS-APPID": appId, "Content-Type": body === undefined ? undefined : "application/json" }), body },
    freshNonce,
  }));

const dfnsSignatureCases: fc.Arbitrary<SignatureCase> = fc.record({
  kind: fc.constant("signature" as const),
  credId: fc.oneof({ weight: 4, arbitrary: fc.constant("own") }, { weight: 1, arbitrary: fc.constant("other") }, { weight: 1, arbitrary: garbageToken }),
  clientData: fc.oneof({ weight: 4, arbitrary: fc.constant("signed") }, { weight: 1, arbitrary: fc.constantFrom("wrongType", "otherChallenge") }, { weight: 1, arbitrary: fc.oneof(fc.base64String({ maxLength: 60 }), garbageToken) }),
  signature: fc.oneof({ weight: 3, arbitrary: fc.constant("valid") }, { weight: 2, arbitrary: fc.oneof(fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes).toString("base64url")), garbageToken) }),
  factorKind: fc.oneof({ weight: 5, arbitrary: fc.constant("Key") }, { weight: 1, arbitrary: fc.constantFrom("Fido2", "Password", "PasswordProtectedKey", "key", "") }),
  challengeIdentifier: fc.oneof({ weight: 5, arbitrary: fc.constant("issued") }, { weight: 1, arbitrary: fc.constant("twice") }, { weight: 1, arbitrary: garbageToken }),
  extra: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom("secondFactor", "extra", "challenge"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }) }),
});

const stateChange: fc.Arbitrary<Wire> = fc.oneof(
  fc.tuple(dfnsUserId, fc.constantFrom(undefined, "{}", "", '{"a":1}', "[]")).map(([id, body]) => ({ method: "DELETE", target: `/auth/users/${id}`, headers: {}, body })),
  fc.tuple(dfnsUserId, fc.constantFrom("activate", "deactivate"), fc.constantFrom(undefined, "{}")).map(([id, action, body]) => ({ method: "PUT", target: `/auth/users/${id}/${action}`, headers: {}, body })),
  dfnsShapes.map((shape) => ({ method: "POST", target: "/auth/users", headers: {}, body: JSON.stringify(shape) })),
  dfnsPlainCases.map((plain) => ({ ...plain.wire, headers: {} })),
);
const dfnsUserActionCases: fc.Arbitrary<UserActionCase> = fc.record({
  kind: fc.constant("userAction" as const),
  wire: fc.tuple(stateChange, fc.option(fc.constantFrom(...ACCEPTS), { nil: undefined, freq: 2 })).map(([wire, accept]) => ({
    ...wire,
    headers: compact({ Authorization: `Bearer ${DFNS_ADMIN_TOKEN}`, Accept: accept, "Content-Type": wire.body === undefined ? undefined : "application/json" }),
  })),
  signed: fc.oneof(
    { weight: 3, arbitrary: fc.constant("same" as const) },
    { weight: 1, arbitrary: fc.record({ method: dfnsSignedMethod, path: dfnsPathFor(dfnsUserId), payload: fc.constantFrom("", "{}", '{"a":1}') }) },
  ),
  freshNonce: fc.boolean(),
});

const dfnsCases: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 7, arbitrary: dfnsWellFormedCases },
  { weight: 7, arbitrary: dfnsPlainCases },
  { weight: 2, arbitrary: dfnsSignatureCases },
  { weight: 2, arbitrary: dfnsUserActionCases },
);

// ─── Running cases ───────────────────────────────────────────────────────────────────────────

interface Io {
  exchange(caseIndex: number, wire: Wire): Promise<Answer>;
}

const freshNonce = () => b64url(JSON.stringify({ uuid: `fuzz-${randomUUID()}`, date: new Date().toISOString() }));

const adminSigner: DfnsSigner = createKeySigner({
  credId: dfnsAdminCredential.credId,
  privateKey: readFileSync(path.join(fixturesDir("dfns"), dfnsAdminCredential.privateKeyFile), "utf8"),
});

const adminJson = (body: unknown, nonce: boolean): Pick<Wire, "headers" | "body"> => ({
  headers: compact({ Authorization: `Bearer ${DFNS_ADMIN_TOKEN}`, Accept: "application/json", "Content-Type": "application/json", "X-DFNS-NONCE": nonce ? freshNonce() : undefined }),
  body: JSON.stringify(body),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Requests a challenge for `signed` as the admin; undefined when the server refused. */
async function challengeFor(io: Io, index: number, signed: { method: string; path: string; payload: string }) {
  const init = await io.exchange(index, {
    method: "POST",
    target: "/auth/action/init",
    ...adminJson({ userActionPayload: signed.payload, userActionHttpMethod: signed.method, userActionHttpPath: signed.path }, false),
  });
  if (init.status !== 200) return undefined;
  return parseJson(init.body) as { challenge: string; challengeIdentifier: string } & Parameters<DfnsSigner["sign"]>[0];
}

/** The value a case's placeholder names, or the case's own (garbage) value. */
function named(value: string, table: Record<string, string>): string {
  return Object.hasOwn(table, value) ? table[value]! : value;
}

async function runCase(io: Io, index: number, fuzzCase: FuzzCase): Promise<void> {
  switch (fuzzCase.kind) {
    case "plain": {
      const headers = fuzzCase.freshNonce ? { ...fuzzCase.wire.headers, "X-DFNS-NONCE": freshNonce() } : fuzzCase.wire.headers;
      await io.exchange(index, { ...fuzzCase.wire, headers });
      return;
    }
    case "signature": {
      const challenge = await challengeFor(io, index, { method: "DELETE", path: "/auth/users/us-3mp1y-00002-0a1b2c3d4e5f6g7h", payload: "{}" });
      if (!challenge) return;
      const signed = await adminSigner.sign(challenge);
      const clientData = named(fuzzCase.clientData, {
        signed: signed.credentialAssertion.clientData,
        wrongType: b64url(JSON.stringify({ type: "webauthn.get", challenge: challenge.challenge })),
        otherChallenge: b64url(JSON.stringify({ type: "key.get", challenge: "not-the-challenge" })),
      });
      const body = {
        ...fuzzCase.extra,
        challengeIdentifier: ["issued", "twice"].includes(fuzzCase.challengeIdentifier) ? challenge.challengeIdentifier : fuzzCase.challengeIdentifier,
        firstFactor: {
          kind: fuzzCase.factorKind,
          credentialAssertion: {
            credId: named(fuzzCase.credId, { own: dfnsAdminCredential.credId, other: dfnsOtherCredId }),
            clientData,
            signature: fuzzCase.signature === "valid" ? signed.credentialAssertion.signature : fuzzCase.signature,
          },
        },
      };
      const times = fuzzCase.challengeIdentifier === "twice" ? 2 : 1;
      for (let i = 0; i < times; i++) await io.exchange(index, { method: "POST", target: "/auth/action", ...adminJson(body, false) });
      return;
    }
    case "userAction": {
      const { wire } = fuzzCase;
      const signedRequest = fuzzCase.signed === "same" ? { method: wire.method, path: wire.target, payload: wire.body ?? "" } : fuzzCase.signed;
      const challenge = await challengeFor(io, index, signedRequest);
      let token: string | undefined;
      if (challenge) {
        const action = await io.exchange(index, { method: "POST", target: "/auth/action", ...adminJson({ challengeIdentifier: challenge.challengeIdentifier, firstFactor: await adminSigner.sign(challenge) }, false) });
        token = (parseJson(action.body) as { userAction?: string } | undefined)?.userAction;
      }
      const headers = compact({ ...wire.headers, "X-DFNS-USERACTION": token, "X-DFNS-NONCE": fuzzCase.freshNonce ? freshNonce() : undefined });
      await io.exchange(index, { ...wire, headers });
      return;
    }
  }
}

async function runAll(cases: FuzzCase[], io: Io, concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases.length) {
        const index = next++;
        await runCase(io, index, cases[index]!);
      }
    }),
  );
}

// ─── Checking ────────────────────────────────────────────────────────────────────────────────

interface Problem {
  kind: string;
  exchange: Exchange;
  detail: string;
}

function problemsOf(exchange: Exchange, validateError: Validator, schemaName: string): Problem[] {
  const { request, response } = exchange;
  const problem = (kind: string, detail = "") => [{ kind, exchange, detail }];
  if (response.transportError !== undefined) return problem("no HTTP answer", response.transportError);
  if (response.status >= 500) return problem(`status ${response.status}`);
  if (response.status < 400) return [];
  const contentType = String(response.headers["content-type"] ?? "");
  if (!/^application\/json\b/i.test(contentType)) return problem(`error ${response.status} without a JSON content type`, `Content-Type: ${contentType || "(none)"}`);
  if (request.method === "HEAD") return []; // a HEAD response carries no body
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return problem(`error ${response.status} with a body that is not JSON`);
  }
  const result = validateError(body);
  return result.valid ? [] : problem(`error ${response.status} body is not a ${schemaName}`, formatIssues(result.issues));
}

function clip(text: string, max: number): string {
  const shown = JSON.stringify(text.length > max ? text.slice(0, max) : text);
  return text.length > max ? `${shown}…(${text.length} chars)` : shown;
}

function show(wire: Wire): string {
  const lines = [`${wire.method} ${clip(wire.target, 400)}`];
  for (const [name, value] of Object.entries(wire.headers)) lines.push(`${name}: ${clip(value, 200)}`);
  if (wire.body !== undefined) lines.push(`body (${Buffer.byteLength(wire.body)} bytes): ${clip(wire.body, 400)}`);
  return lines.join("\n      ");
}

function showExchange(seed: number, exchange: Exchange): string {
  const { response } = exchange;
  const answer = response.transportError !== undefined ? `no answer: ${response.transportError}` : `${response.status} ${clip(response.body, 400)}`;
  return `case #${exchange.caseIndex} of seed ${seed}:\n      ${show(exchange.request)}\n    → ${answer}`;
}

/** One line per kind of problem, with the first request that showed it and how often it occurred. */
function report(seed: number, problems: Problem[]): string {
  const byKind = new Map<string, Problem[]>();
  for (const problem of problems) byKind.set(problem.kind, [...(byKind.get(problem.kind) ?? []), problem]);
  return [...byKind.entries()]
    .map(([kind, list]) => `  ${kind} (${list.length}×), first ${showExchange(seed, list[0]!.exchange)}${list[0]!.detail ? `\n    ${list[0]!.detail}` : ""}`)
    .join("\n");
}

/** The JSON pointers a violation names ("body: /a must …; /b …"), array indices replaced by "*". */
function pointersOf(problem: string): string[] {
  return [...problem.matchAll(/(?:^|; |body: )(\/\S*)/g)].map((match) => match[1]!.replace(/\/\d+(?=\/|$)/g, "/*"));
}

/** Requests per operation and status (printed with FUZZ_STATS=1, to see what the generators reach). */
async function histogram(api: ApiName, exchanges: Exchange[]): Promise<string> {
  const contract = await shippedContract(api);
  const counts = new Map<string, number>();
  for (const { request, response } of exchanges) {
    const queryAt = request.target.indexOf("?");
    const match = contract.match(request.method, queryAt === -1 ? request.target : request.target.slice(0, queryAt));
    const key = `${match?.operation.operationId ?? "(unrouted)"} ${response.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => `  ${key}: ${count}`).join("\n");
}

// ─── The suites ──────────────────────────────────────────────────────────────────────────────

interface Suite {
  api: ApiName;
  title: string;
  errorSchema: "ErrorList" | "ErrorResponse";
  cases: fc.Arbitrary<FuzzCase>;
  start(): Promise<ReferenceServer>;
  /** A request the server must answer with 200 however the fuzzing changed its state. */
  healthCheck: Wire;
}

const SUITES: Suite[] = [
  {
    api: "intercom",
    title: "Intercom",
    errorSchema: "ErrorList",
    cases: intercomCases,
    start: () => startReferenceServer({ api: "intercom", checkResponses: true, rateLimit: { limit: 1_000_000, windowSeconds: 60 } }),
    healthCheck: { method: "GET", target: "/users?email=nobody%40example.com", headers: { Authorization: `Bearer ${INTERCOM_TOKEN}`, Accept: "application/json" } },
  },
  {
    api: "dfns",
    title: "Dfns",
    errorSchema: "ErrorResponse",
    cases: dfnsCases,
    start: () => startReferenceServer({ api: "dfns", checkResponses: true }),
    healthCheck: { method: "GET", target: "/auth/users", headers: { Authorization: `Bearer ${DFNS_ADMIN_TOKEN}`, Accept: "application/json" } },
  },
];

for (const suite of SUITES) describe(`fuzzing the ${suite.title} reference server`, () => {
  const seed = SEEDS[suite.api];
  const cases = fc.sample(suite.cases, { seed, numRuns: CASES });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let server: ReferenceServer;
  let validateError: Validator;
  const exchanges: Exchange[] = [];

  const ioFor = (target: ReferenceServer, record: (exchange: Exchange) => void): Io => ({
    async exchange(caseIndex, wire) {
      const response = await send(new URL(target.url), agent, wire);
      record({ caseIndex, request: wire, response });
      return response;
    },
  });

  beforeAll(async () => {
    const contract = await shippedContract(suite.api);
    validateError = contract.validators.forSchema(contract.document.components!.schemas![suite.errorSchema] as SchemaObject);
    server = await suite.start();
    await runAll(cases, ioFor(server, (exchange) => exchanges.push(exchange)), CONCURRENCY);
    if (process.env.FUZZ_STATS) console.log(`${suite.title}: ${exchanges.length} requests\n${await histogram(suite.api, exchanges)}`);
  });

  afterAll(async () => {
    await server?.close();
    agent.destroy();
  });

  it(`sends at least ${CASES} fuzz cases, each answered`, () => {
    expect(new Set(exchanges.map((exchange) => exchange.caseIndex)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(CASES);
    expect(exchanges.length).toBeGreaterThanOrEqual(CASES);
  });

  it("answers every request, never with a 5xx, every error as the contract's JSON error envelope", () => {
    const problems = exchanges.flatMap((exchange) => problemsOf(exchange, validateError, suite.errorSchema));
    const summary = `${problems.length} of ${exchanges.length} responses broke the rules:\n${report(seed, problems)}`;
    expect(problems.length, summary).toBe(0);
  });

  it("answers every documented operation within the contract (no response violations)", async () => {
    if (server.violations.length === 0) return;
    // Violations do not say which request caused them: replay the cases one by one on a fresh
    // server and name, per operation and status, the first cases that broke the contract.
    const groups = new Map<string, { count: number; firstCase: number; examples: Array<{ problem: string; exchange: Exchange }>; places: Set<string> }>();
    const replay = await suite.start();
    try {
      for (let index = 0; index < cases.length; index++) {
        const before = replay.violations.length;
        const sent: Exchange[] = [];
        await runCase(ioFor(replay, (exchange) => sent.push(exchange)), index, cases[index]!);
        for (const violation of replay.violations.slice(before)) {
          const key = `${violation.operationId} → ${violation.status}`;
          const group = groups.get(key) ?? { count: 0, firstCase: index, examples: [], places: new Set<string>() };
          group.count++;
          const exchange = sent.find((candidate) => candidate.response.status === violation.status) ?? sent.at(-1)!;
          // An example per new place in the body (array indices ignored), at most six per group.
          const places = pointersOf(violation.problem).filter((pointer) => !group.places.has(pointer));
          if (group.examples.length < 6 && (places.length > 0 || group.examples.length === 0)) group.examples.push({ problem: violation.problem, exchange });
          for (const pointer of places) group.places.add(pointer);
          groups.set(key, group);
        }
      }
    } finally {
      await replay.close();
    }
    const lines = [...groups.entries()]
      .sort(([, a], [, b]) => a.firstCase - b.firstCase)
      .map(([key, group]) => [`  ${key} (${group.count}× in the replay), first:`, ...group.examples.map(({ problem, exchange }) => `    ${clip(problem, 300)}\n    in ${showExchange(seed, exchange)}`)].join("\n"));
    const summary = `${server.violations.length} responses broke the contract; replayed one by one, in order of first occurrence:\n${lines.join("\n")}`;
    expect(server.violations.length, summary).toBe(0);
  });

  it("rejects requests that are not valid HTTP with a 4xx, and keeps serving", async () => {
    // Node's HTTP parser answers these itself, before the API sees them (so no API error body).
    const request = (line: string, headers = "") => Buffer.from(`${line}\r\nHost: localhost\r\n${headers}Connection: close\r\n\r\n`, "latin1");
    const malformed: Array<[string, Buffer]> = [
      ["an unknown method", request(`FUZZ ${suite.healthCheck.target} HTTP/1.1`)],
      ["raw UTF-8 in the target", Buffer.concat([Buffer.from("GET /users/"), Buffer.from("ünïcødé☃", "utf8"), request(" HTTP/1.1")])],
      ["a space in the target", request("GET /users/a b HTTP/1.1")],
      ["a target of 20 kB", request(`GET /${"a".repeat(20_000)} HTTP/1.1`)],
      ["a control character in a header", request(`GET ${suite.healthCheck.target} HTTP/1.1`, "X-Fuzz: a\u0001b\r\n")],
      ["a header without a colon", request(`GET ${suite.healthCheck.target} HTTP/1.1`, "NoColonHere\r\n")],
      ["a bad HTTP version", request(`GET ${suite.healthCheck.target} HTTP/9.Z`)],
      ["a body shorter than its Content-Length", Buffer.concat([request(`POST ${suite.healthCheck.target} HTTP/1.1`, "Content-Type: application/json\r\nContent-Length: 10\r\n"), Buffer.from("{}")])],
    ];
    for (const [what, bytes] of malformed) {
      const { status, text } = await sendRaw(new URL(server.url), bytes);
      // The short body: the server waits for the rest, the client closes, no answer is due.
      if (what.startsWith("a body shorter")) expect(status === 0 || (status >= 400 && status < 500), `${what} → ${clip(text, 300)}`).toBe(true);
      else expect(status >= 400 && status < 500, `${what} → ${clip(text, 300)}`).toBe(true);
    }
    const response = await send(new URL(server.url), agent, suite.healthCheck);
    expect(response.status).toBe(200);
  });

  it("still answers a normal request afterwards", async () => {
    const response = await send(new URL(server.url), agent, suite.healthCheck);
    expect(response.status, `${show(suite.healthCheck)} → ${response.status} ${response.body}`).toBe(200);
  });
});
