// @ts-check
import { randomUUID } from "node:crypto";
import { bearerToken, formatIssues, validateRequest } from "archive-kit";

/** @typedef {{ id: string, name: string, active: boolean }} ToyUser */
/** @typedef {{ tokens: string[], users: Array<{ id: string, name: string }> }} ToyFixtures */
/** @typedef {import("archive-kit").ReferenceResponse} ReferenceResponse */

/**
 * The toy's stateful reference, on the engine's shared pipeline: it only answers routed,
 * authorised, valid requests; routing, CORS, admin, limits and response checks are the pipeline's.
 * @param {import("archive-kit").Contract} contract
 * @param {ToyFixtures} fixtures
 * @returns {import("archive-kit").ReferenceLogic}
 */
export function createToyReference(contract, fixtures) {
  const tokens = new Set(fixtures.tokens);
  /** @returns {Map<string, ToyUser>} */
  const seeded = () => new Map(fixtures.users.map((user) => [user.id, { ...user, active: true }]));
  let users = seeded();

  /** @type {Record<string, (pathParams: Record<string, string>, body: unknown) => ReferenceResponse>} */
  const handlers = {
    createUser(_pathParams, body) {
      const user = { id: randomUUID(), name: /** @type {{ name: string }} */ (body).name, active: true };
      users.set(user.id, user);
      return { status: 201, body: user };
    },
    getUser: (pathParams) => found(users.get(pathParams.id ?? "")),
    deactivateUser(pathParams) {
      const user = users.get(pathParams.id ?? "");
      if (user) user.active = false;
      return found(user);
    },
  };

  return {
    contract,
    handle(request, operation, pathParams) {
      const token = bearerToken(request.headers.authorization);
      if (token === undefined || !tokens.has(token)) return error(401, "unauthorized", "a bearer token is required");
      const validation = validateRequest(contract, operation, request);
      if (!validation.valid) return error(400, "bad_request", formatIssues(validation.issues));
      return handlers[operation.operationId]?.(pathParams, validation.body) ?? error(500, "server_error", "no handler");
    },
    unrouted(_request, allow) {
      if (allow.length === 0) return error(404, "not_found", "no such resource");
      const response = error(405, "method_not_allowed", `use ${allow.join(", ")}`);
      return { ...response, headers: { Allow: allow.join(", ") } };
    },
    failure(_request, status, message) {
      return error(status, status === 500 ? "server_error" : status === 417 ? "expectation_failed" : "bad_request", message);
    },
    state: () => ({ users: [...users.values()] }),
    reset() {
      users = seeded();
    },
  };
}

/** @param {ToyUser | undefined} user @returns {ReferenceResponse} */
function found(user) {
  return user ? { status: 200, body: user } : error(404, "not_found", "no such user");
}

/** @param {number} status @param {string} code @param {string} message @returns {ReferenceResponse} */
function error(status, code, message) {
  return { status, body: { error: { code, message } } };
}
