/**
 * Input-handling deviations that no shipped case exercises (issue 10, "It catches what the cases
 * miss"): each is a mutating proxy in front of a correct reference server, the `fuzz` flags that
 * reach it, the case `fuzz` must fail naming it, and whether `verify` alone catches it.
 */
import { jsonOf, pathOf, withJson, type Mutation, type ProxyRequest } from "../../src/testing/mutating-proxy.js";

export type DeviationApi = "intercom" | "dfns";

export interface Deviation {
  /** One line, as the README's table shows it. */
  name: string;
  api: DeviationApi;
  /** `fuzz --operation …`: the operations whose properties reach the deviation; absent, `fuzz` runs at its defaults (every operation, 100 examples). */
  operations?: string[];
  /** `fuzz --max-examples`, where the default is too few to draw the one kind of request it needs. */
  maxExamples?: number;
  mutation: Mutation;
  /** The case `fuzz` fails (passed against the reference with the same flags). */
  failingCase: string;
  /** What the failure must say besides the case id: the violation, check or status that names the deviation. */
  evidence: RegExp;
  /** Whether `verify` (the shipped cases) fails on it too. */
  verifyCatches: boolean;
}

const ADMIN_USER_ID = "us-4dm1n-0a1b2-3c4d5e6f7g8h9i0j"; // fixtures/dfns/org.json: the main caller
const INTERCOM_TOKEN = "test-only-intercom-token";
const DFNS_USER_ID = /^us-[A-Za-z0-9]+-[A-Za-z0-9]+-[A-Za-z0-9]+$/;
/** The characters of every user_id the shipped cases send ("25", "ak-<run id>-twice"): anything else is odd. */
const USUAL_USER_ID = /^[A-Za-z0-9@._-]*$/;

const queryOf = (request: ProxyRequest, name: string) => new URL(request.url, "http://proxy.invalid").searchParams.get(name);
const codePoints = (text: string) => [...text].length;

function jsonBody(request: ProxyRequest): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(request.body);
    return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Rewrites the `user_id` of an Intercom create before the reference sees it. */
const onCreateUserId =
  (rewrite: (userId: unknown) => unknown): Mutation =>
  (request, forward) => {
    const body = request.method === "POST" && pathOf(request) === "/users" ? jsonBody(request) : undefined;
    if (!body || !("user_id" in body)) return forward(request);
    return forward({ ...request, body: JSON.stringify({ ...body, user_id: rewrite(body.user_id) }) });
  };

/** Coerces a non-string user_id to a string, as a lax implementation would. */
const coerceUserId = onCreateUserId((userId) => (typeof userId === "string" ? userId : typeof userId === "object" ? JSON.stringify(userId) : String(userId)));

/** Cuts an over-long user_id to the 255 code points the contract allows, instead of refusing it. */
const truncateUserId = onCreateUserId((userId) => (typeof userId === "string" ? [...userId].slice(0, 255).join("") : userId));

/** A 500 (not the documented 400) to a DELETE whose user_id is over the 255 code points the contract allows. */
export const serverErrorOnLongUserId: Mutation = (request, forward) => {
  if (request.method === "DELETE" && codePoints(queryOf(request, "user_id") ?? "") > 255) {
    return Promise.resolve({ status: 500, headers: { "content-type": "application/json" }, body: '{"type":"error.list","errors":[{"code":"server_error","message":"boom"}]}' });
  }
  return forward(request);
};

/**
 * Neither contract closes a response object (both vendors add fields over time), so the property
 * the contract forbids is one it types otherwise: a numeric `request_id` in the 404 error envelope,
 * only when viewing a user_id with a character no shipped case uses.
 */
const illTypedPropertyOnOddUserId: Mutation = async (request, forward) => {
  const response = await forward(request);
  const userId = request.method === "GET" && pathOf(request) === "/users" ? queryOf(request, "user_id") : null;
  if (userId === null || USUAL_USER_ID.test(userId) || response.status !== 404) return response;
  return withJson(response, { ...jsonOf(response), request_id: 404 });
};

/** Answers every all-digit `user_id` as a number (`"25"` → `25`), in a user or a list of users, as a clone that parses ids would. */
const numericUserIds: Mutation = async (request, forward) => {
  const response = await forward(request);
  const body = jsonOf(response);
  const numeric = (user: Record<string, unknown>) => (typeof user.user_id === "string" && /^\d+$/.test(user.user_id) ? { ...user, user_id: Number(user.user_id) } : user);
  if (body?.type === "user") return withJson(response, numeric(body));
  if (body?.type === "user.list" && Array.isArray(body.users)) return withJson(response, { ...body, users: body.users.map(numeric) });
  return response;
};

/** Lists users to a caller without a token: the proxy adds its own. */
const viewWithoutToken: Mutation = (request, forward) => {
  if (request.method !== "GET" || pathOf(request) !== "/users" || request.headers.authorization) return forward(request);
  return forward({ ...request, headers: { ...request.headers, authorization: `Bearer ${INTERCOM_TOKEN}` } });
};

/** Archiving an archived user answers the archived user again (200) instead of 404. */
function archiveTwiceSucceeds(): Mutation {
  const archived = new Map<string, string>();
  return async (request, forward) => {
    const response = await forward(request);
    if (request.method !== "DELETE") return response;
    if (response.status === 200) {
      const user = jsonOf(response);
      for (const key of [`id=${user.id}`, `user_id=${user.user_id}`, `email=${user.email}`]) archived.set(key, response.body);
    }
    const id = /^\/users\/([^/]+)$/.exec(pathOf(request))?.[1];
    const key = id ? `id=${decodeURIComponent(id)}` : ["user_id", "email"].map((name) => `${name}=${queryOf(request, name)}`).find((candidate) => archived.has(candidate));
    const earlier = key && archived.get(key);
    return response.status === 404 && earlier ? withJson(response, JSON.parse(earlier), 200) : response;
  };
}

/**
 * Answers a Dfns get of a malformed userId with the caller's own user, as a catch-all route would:
 * only the caller's token is passed on (the route never looks at the other headers).
 */
const malformedUserIdAnswered: Mutation = (request, forward) => {
  const raw = /^\/auth\/users\/([^/]+)$/.exec(pathOf(request))?.[1];
  if (request.method !== "GET" || raw === undefined || DFNS_USER_ID.test(decodeURIComponent(raw))) return forward(request);
  const token = request.headers.authorization;
  return forward({ method: "GET", url: `/auth/users/${ADMIN_USER_ID}`, headers: token ? { authorization: token } : {}, body: "" });
};

/** Accepts a tampered user action (a 403 becomes 200) when the body holds a text over 100 characters. */
const tamperedSignatureOnUnusualPayload: Mutation = async (request, forward) => {
  const response = await forward(request);
  const unusual = Object.values(jsonBody(request) ?? {}).some((value) => typeof value === "string" && value.length > 100);
  return request.headers["x-dfns-useraction"] && response.status === 403 && unusual ? { ...response, status: 200 } : response;
};

export const DEVIATIONS: Deviation[] = [
  {
    name: "Intercom create accepts a non-string `user_id` (200, not 400)",
    api: "intercom",
    operations: ["createOrUpdateUser"],
    // A type violation of user_id is one of some 40 kinds × places of this operation's negatives.
    maxExamples: 100,
    mutation: coerceUserId,
    failingCase: "intercom/fuzz-create-or-update-user-negative-type",
    evidence: /violates type at body\/user_id/,
    verifyCatches: false,
  },
  {
    name: "Intercom create accepts a `user_id` over 255 characters (200, not 400)",
    api: "intercom",
    operations: ["createOrUpdateUser"],
    maxExamples: 100,
    mutation: truncateUserId,
    failingCase: "intercom/fuzz-create-or-update-user-negative-length",
    evidence: /violates length at body\/user_id/,
    verifyCatches: false,
  },
  {
    name: "Intercom archive by query answers 500 to a `user_id` over 255 characters",
    api: "intercom",
    operations: ["archiveUserByQuery"],
    mutation: serverErrorOnLongUserId,
    failingCase: "intercom/fuzz-archive-user-by-query-negative-length",
    evidence: /✗ Server error at status \(DELETE \/users\?user_id=[^)]*\): Received: 500/,
    verifyCatches: false,
  },
  {
    name: "Intercom view by `user_id` returns an ill-typed property, only for odd user_ids",
    api: "intercom",
    operations: ["viewUsers"],
    mutation: illTypedPropertyOnOddUserId,
    failingCase: "intercom/fuzz-view-users-positive",
    evidence: /✗ Response violates schema at \/request_id/,
    verifyCatches: false,
  },
  {
    name: "Intercom lists users to a caller without a token",
    api: "intercom",
    operations: ["viewUsers"],
    mutation: viewWithoutToken,
    failingCase: "intercom/fuzz-view-users-negative-credential-missing",
    evidence: /violates credential-missing at /,
    verifyCatches: false,
  },
  {
    name: "Intercom answers a second archive of the same user with 200",
    api: "intercom",
    operations: ["createOrUpdateUser"],
    mutation: archiveTwiceSucceeds(),
    failingCase: "intercom/fuzz-sequence-create-or-update-user",
    evidence: /✗ Archived user is still served at status \(DELETE \/users/,
    verifyCatches: true,
  },
  {
    name: "Intercom answers an all-digit `user_id` (the documented `\"25\"`) as a number",
    api: "intercom",
    // `fuzz --seed 1` as it comes. The creates draw user_ids as JSON look-alikes, "25" among them, kept all-digit when made unique to the run.
    mutation: numericUserIds,
    failingCase: "intercom/fuzz-create-or-update-user-positive",
    evidence: /✗ Response violates schema at \/user_id \(POST \/users\)/,
    verifyCatches: true,
  },
  {
    name: "Dfns get answers 200 to a malformed `userId`",
    api: "dfns",
    operations: ["getUser"],
    mutation: malformedUserIdAnswered,
    failingCase: "dfns/fuzz-get-user-negative-pattern",
    evidence: /violates pattern at path\/userId/,
    verifyCatches: false,
  },
  {
    name: "Dfns create accepts a tampered user action when the body holds a text over 100 characters",
    api: "dfns",
    operations: ["createUser"],
    mutation: tamperedSignatureOnUnusualPayload,
    failingCase: "dfns/fuzz-tamper-create-user",
    evidence: /✗ Request without a valid user action signature was not refused as documented at status \(POST \/auth\/users\): Received: 200/,
    verifyCatches: false,
  },
];

/** The table the README and bench/RESULTS.md show: what `fuzz` and `verify` say of each deviation. */
export function deviationTable(deviations: Deviation[] = DEVIATIONS): string {
  const rows = deviations.map((deviation) => `| ${deviation.name} | ✗ \`${deviation.failingCase}\` | ${deviation.verifyCatches ? "✗ caught" : "✓ passes (missed)"} |`);
  return ["| deviation | `fuzz` | `verify` |", "| --- | --- | --- |", ...rows].join("\n");
}
