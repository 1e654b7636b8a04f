import { formatIssues, validateRequest, type Contract, type Operation } from "../../../contract/core.js";
import { acceptsJson } from "../../../reference/accept.js";
import { parseUsersSnapshot } from "../../../reference/snapshot.js";
import { basicCredentials, bearerToken } from "../../../reference/authorization.js";
import { createRateLimiter, type RateLimitSettings, type RateLimitState } from "../../../reference/rate-limit.js";
import type { ReferenceLogic, ReferenceRequest, ReferenceResponse } from "../../../reference/types.js";
import type { IntercomFixtures } from "./fixtures.js";
import { schemaProblem } from "../../../reference/fixtures.js";
import { completeUser, INTERCOM_STORE_LIMITS, newIntercomId, UserStore, type FixtureUser, type User, type UserAttributes } from "./users.js";

export interface IntercomReferenceOptions {
  rateLimit: RateLimitSettings;
  now: () => number;
}

/** Intercom documented 500 requests a minute in API 1.x; the reference keeps that default. */
export const DEFAULT_INTERCOM_RATE_LIMIT: RateLimitSettings = { limit: 500, windowSeconds: 60 };

type Handler = (context: {
  request: ReferenceRequest;
  pathParams: Record<string, string>;
  body: unknown;
  nowSeconds: number;
}) => ReferenceResponse;

/** The stateful Intercom 1.3 reference: its choices where the documents are silent are in docs/reference/reference-servers.md. */
export function createIntercomReference(contract: Contract, fixtures: IntercomFixtures, options: IntercomReferenceOptions): ReferenceLogic {
  const nowSeconds = () => Math.floor(options.now() / 1000);
  const seeded = () => {
    const users = new UserStore(fixtures.appId);
    for (const user of fixtures.users) users.add(structuredClone(user));
    return users;
  };
  let store = seeded();
  const tokens = new Set(fixtures.tokens);
  let limiter = createRateLimiter(options.rateLimit, options.now);
  const settableAttributes = new Set(Object.keys(schemaProperties(contract, "UserAttributes")));

  const handlers: Record<string, Handler> = {
    archiveUserById: ({ pathParams }) => archived(store.activeById(pathParams.id!)),
    archiveUserByQuery: ({ request }) => {
      const target = findByQuery(request.query);
      if ("response" in target) return target.response;
      return archived(target.user);
    },
    viewUserById: ({ pathParams }) => found(store.activeById(pathParams.id!)),
    viewUsers: ({ request }) => {
      const userId = request.query.get("user_id");
      if (userId !== null) return found(store.activeByUserId(userId));
      const email = request.query.get("email");
      return ok(userList(email === null ? store.active() : store.activeByEmail(email)));
    },
    createOrUpdateUser: ({ body, nowSeconds }) => {
      // Fields the contract does not define are ignored, never stored over the user's own.
      const attributes = Object.fromEntries(Object.entries(body as object).filter(([name]) => settableAttributes.has(name))) as UserAttributes;
      const overLong = overLongField(attributes);
      if (overLong) return errorList(400, "parameter_invalid", `${overLong} is longer than ${MAX_TEXT_FIELD_LENGTH} characters`, overLong);
      const result = store.createOrUpdate(attributes, nowSeconds);
      if ("conflict" in result) return conflict();
      if ("refused" in result) {
        if (result.refused === "user-too-large") return errorList(400, "parameter_invalid", `the user would take ${result.bytes} bytes; at most ${INTERCOM_STORE_LIMITS.userBytes} are stored per user`);
        // The store is bounded (see INTERCOM_STORE_LIMITS): like a plan limit, retrying does not help.
        return errorList(403, "api_plan_restricted", `the reference server stores at most ${result.limit}; permanently delete users or reset it`);
      }
      return ok(result.user);
    },
    permanentlyDeleteUser: ({ body }) => {
      const { intercom_user_id } = body as { intercom_user_id: string };
      if (!store.deletePermanently(intercom_user_id)) return userNotFound();
      return ok({ id: nextDeletionRequestId++ });
    },
  };
  let nextDeletionRequestId = 1;

  function archived(user: ReturnType<UserStore["activeById"]>): ReferenceResponse {
    return user ? ok(store.archive(user.id, nowSeconds())) : userNotFound();
  }

  /** `user_id` wins over `email` when both are given (the SDKs' precedence). */
  function findByQuery(query: URLSearchParams): { user: ReturnType<UserStore["activeById"]> } | { response: ReferenceResponse } {
    const userId = query.get("user_id");
    if (userId !== null) return { user: store.activeByUserId(userId) };
    const email = query.get("email");
    if (email === null) return { response: errorList(400, "parameter_not_found", "email or user_id must be given") };
    const matches = store.activeByEmail(email);
    if (matches.length > 1) return { response: conflict() };
    return { user: matches[0] };
  }

  return {
    contract,
    handle(request, operation, pathParams) {
      const token = tokenOf(request.headers.authorization);
      // A 401 shows the caller's address's window without counting against any token.
      if (token === undefined || !tokens.has(token)) return withRateHeaders(unauthorized(), limiter.peek(`address:${request.remoteAddress}`));
      const rate = limiter.take(token);
      const respond = (response: ReferenceResponse) => withRateHeaders(response, rate);
      if (!rate.allowed) {
        return respond(errorList(429, "rate_limit_exceeded", `Exceeded rate limit of ${rate.limit} in ${options.rateLimit.windowSeconds}_seconds`));
      }
      if (!acceptsJson(request.headers.accept)) {
        return respond(errorList(406, "bad_request", "Accept header must be application/json"));
      }
      const validation = validateRequest(contract, operation, request);
      if (!validation.valid) return respond(invalid(operation, validation.issues));
      return respond(handlers[operation.operationId]!({ request, pathParams, body: validation.body, nowSeconds: nowSeconds() }));
    },
    seed(values) {
      const users: User[] = [];
      for (const [i, value] of values.entries()) {
        if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, message: `users[${i}] must be a user object, like {"user_id": "42", "email": "ann@example.com"}` };
        // As a create would store it: every field present, an id made when none is given, the e-mail lower-cased.
        const partial = { ...(value as Partial<FixtureUser>) };
        const id = partial.id ?? newIntercomId(nowSeconds());
        // The fields as given, over a complete user: checked before completing them reads any of them.
        const problem = schemaProblem(contract, "User", { ...completeUser({ id }, fixtures.appId, nowSeconds()), ...partial });
        if (problem) return { ok: false, message: `users[${i}]: ${problem}` };
        users.push(completeUser({ ...partial, id }, fixtures.appId, nowSeconds()));
      }
      const refused = store.seed(users);
      return refused ? { ok: false, message: refused } : { ok: true };
    },
    forced(request, response) {
      // Documented rate-limit headers show the caller's live window, none used up by the forced answer; a 429 has none left.
      if (!Object.keys(response.headers ?? {}).some((name) => name.toLowerCase() === "x-ratelimit-remaining")) return response;
      const token = tokenOf(request.headers.authorization);
      const rate = limiter.peek(token !== undefined && tokens.has(token) ? token : `address:${request.remoteAddress}`);
      return withRateHeaders(response, response.status === 429 ? { ...rate, remaining: 0 } : rate);
    },
    unrouted(_request, allow) {
      if (allow.length === 0) return errorList(404, "not_found", "Resource Not Found");
      const response = errorList(405, "method_not_allowed", `Use one of ${allow.join(", ")}`);
      return { ...response, headers: { ...response.headers, Allow: allow.join(", ") } };
    },
    failure(_request, status, message) {
      if (status === 500) return errorList(500, "server_error", "Internal Server Error");
      return errorList(status, status === 417 ? "expectation_failed" : "bad_request", message);
    },
    state() {
      return { appId: fixtures.appId, users: store.all() };
    },
    snapshot: () => ({ users: store.all() }),
    restore(snapshot) {
      const parsed = parseUsersSnapshot<User>(contract, snapshot, (user) => user.id);
      if (!parsed.ok) return parsed;
      const restored = new UserStore(fixtures.appId);
      for (const { user, archived } of parsed.users) restored.add(user, false, 0, archived);
      store = restored;
      return { ok: true };
    },
    reset() {
      store = seeded();
      limiter = createRateLimiter(options.rateLimit, options.now);
      nextDeletionRequestId = 1;
    },
  };
}


function schemaProperties(contract: Contract, name: string): Record<string, unknown> {
  const schema = contract.document.components?.schemas?.[name] as { properties?: Record<string, unknown> } | undefined;
  return schema?.properties ?? {};
}

/** `Bearer <token>`, or Basic with the token as user name and an empty password (`token:`); nothing else. */
function tokenOf(authorization: string | undefined): string | undefined {
  const bearer = bearerToken(authorization);
  if (bearer !== undefined) return bearer;
  const basic = basicCredentials(authorization);
  return basic && basic.userId !== "" && basic.password === "" ? basic.userId : undefined;
}

/**
 * The contract bounds `user_id` and `email` to 255 characters and is silent on `name` and
 * `phone`: the reference holds those to the same 255 (its choice, in docs/reference/reference-servers.md).
 */
const MAX_TEXT_FIELD_LENGTH = 255;

function overLongField(attributes: UserAttributes): "name" | "phone" | undefined {
  for (const field of ["name", "phone"] as const) {
    const value = attributes[field];
    // Characters as the contract counts them (code points), without spreading a megabyte string.
    if (typeof value === "string" && value.length > MAX_TEXT_FIELD_LENGTH && (value.length > 2 * MAX_TEXT_FIELD_LENGTH || [...value].length > MAX_TEXT_FIELD_LENGTH)) return field;
  }
  return undefined;
}

function errorList(status: number, code: string, message: string, field?: string): ReferenceResponse {
  return {
    status,
    body: { type: "error.list", request_id: globalThis.crypto.randomUUID(), errors: [{ code, message, ...(field ? { field } : {}) }] },
  };
}

function unauthorized(): ReferenceResponse {
  const response = errorList(401, "unauthorized", "Access Token Invalid");
  return { ...response, headers: { "WWW-Authenticate": 'Basic realm="intercom.io"' } };
}

function userNotFound(): ReferenceResponse {
  return errorList(404, "not_found", "User Not Found");
}

function conflict(): ReferenceResponse {
  return errorList(409, "conflict", "Multiple existing users with this email address.");
}

function invalid(operation: Operation, issues: { pointer: string; message: string }[]): ReferenceResponse {
  const [first] = issues;
  const field = first?.pointer.split("/")[1];
  const missing = issues.every((issue) => issue.message === "is required but missing");
  const code = missing ? "parameter_not_found" : "parameter_invalid";
  return errorList(400, code, `${operation.operationId}: ${formatIssues(issues)}`, field);
}

function ok(body: unknown): ReferenceResponse {
  return { status: 200, body };
}

function found(user: unknown): ReferenceResponse {
  return user ? ok(user) : userNotFound();
}

function userList(users: unknown[]) {
  return {
    type: "user.list",
    total_count: users.length,
    pages: { type: "pages", next: null, page: 1, per_page: Math.max(50, users.length), total_pages: users.length === 0 ? 0 : 1 },
    users,
  };
}

function withRateHeaders(response: ReferenceResponse, rate: RateLimitState): ReferenceResponse {
  return {
    ...response,
    headers: {
      ...response.headers,
      "X-RateLimit-Limit": String(rate.limit),
      "X-RateLimit-Remaining": String(rate.remaining),
      "X-RateLimit-Reset": String(rate.resetAt),
    },
  };
}
