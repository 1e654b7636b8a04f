import { jsonOf, pathOf, withJson, type Forward, type Mutation, type ProxyRequest, type ProxyResponse } from "../mutating-proxy.js";
import { isSuccess, json, objectBody, ownHeaders, prettyJson, queryOf, segmentAfter, UserBook, withQuery } from "./helpers.js";
import type { ZooEntry } from "./types.js";

const ADMIN_USER_ID = "us-4dm1n-0a1b2-3c4d5e6f7g8h9i0j"; // fixtures/dfns/org.json: the main caller
const ADMIN_TOKEN = "test-only-dfns-admin-token";
const READER_TOKEN = "test-only-dfns-reader-token";
const END_USER_MANAGER_TOKEN = "test-only-dfns-enduser-manager-token";
const DFNS_USER_ID = /^us-[A-Za-z0-9]+-[A-Za-z0-9]+-[A-Za-z0-9]+$/;
const USER = /^\/auth\/users\/([^/]+)$/;
const USER_CHANGE = /^\/auth\/users\/([^/]+)(?:\/(activate|deactivate))?$/;

const error = (status: number, message: string) => json(status, { error: { message } });
const tokenOf = (request: ProxyRequest) => request.headers.authorization?.replace(/^Bearer /, "");
const isArchive = (request: ProxyRequest) => request.method === "DELETE" && USER.test(pathOf(request));
const actionOf = (request: ProxyRequest) => (request.method === "PUT" ? /\/(activate|deactivate)$/.exec(pathOf(request))?.[1] : undefined);
const targetOf = (request: ProxyRequest) => segmentAfter(request, USER_CHANGE);
/** A state-changing request to one user (an archive, an activation, a deactivation). */
const changesUser = (request: ProxyRequest) => isArchive(request) || actionOf(request) !== undefined;

/** The user as the main caller reads it (the proxy's own look, which the caller never signs). */
function readUser(forward: Forward, userId: string): Promise<ProxyResponse> {
  return forward({ method: "GET", url: `/auth/users/${encodeURIComponent(userId)}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: "" });
}

/** The users the proxy saw archived (a 200 to their archive), with the body answered. */
function archivedBook(): { book: UserBook; forwardAndSee: (request: ProxyRequest, forward: Forward) => Promise<ProxyResponse> } {
  const book = new UserBook("userId");
  return {
    book,
    async forwardAndSee(request, forward) {
      const response = await forward(request);
      if (isArchive(request) && response.status === 200) book.see(response, true);
      return response;
    },
  };
}

/** Answers a change of a user as if it were made, and does not make it: the user read back, with `isActive` as the change would set it. */
function unsavedChange(action: "activate" | "deactivate"): () => Mutation {
  return () => async (request, forward) => {
    const userId = targetOf(request);
    if (actionOf(request) !== action || !userId) return forward(request);
    const user = await readUser(forward, userId);
    return user.status === 200 ? withJson(user, { ...jsonOf(user), isActive: action === "activate" }) : forward(request);
  };
}

/** Accepts a tampered user action (a 403 becomes 200) when the body holds a text over 100 characters. */
const tamperedSignatureOnUnusualPayload: Mutation = async (request, forward) => {
  const response = await forward(request);
  const unusual = Object.values(objectBody(request.body) ?? {}).some((value) => typeof value === "string" && value.length > 100);
  return request.headers["x-dfns-useraction"] && response.status === 403 && unusual ? { ...response, status: 200 } : response;
};

export const DFNS_BUGS: ZooEntry[] = [
  {
    id: "dfns-archived-served-active",
    api: "dfns",
    kind: "bug",
    area: "state",
    reason: "an archived user is read back as active (the documents: a 404, or the user with isActive false)",
    mutation: () => {
      const { book, forwardAndSee } = archivedBook();
      return async (request, forward) => {
        const response = await forwardAndSee(request, forward);
        const archived = request.method === "GET" ? book.get(targetOf(request) ?? "") : undefined;
        return archived ? json(200, { ...archived.body, isActive: true }) : response;
      };
    },
  },
  {
    id: "dfns-archive-twice",
    api: "dfns",
    kind: "bug",
    area: "state",
    reason: "a second archive of the same user answers 200 (the documents: one archive wins; 404 or 422)",
    mutation: () => {
      const { book, forwardAndSee } = archivedBook();
      return async (request, forward) => {
        const archived = isArchive(request) ? book.get(targetOf(request) ?? "") : undefined;
        const response = await forwardAndSee(request, forward);
        return archived && !isSuccess(response) ? json(200, archived.body) : response;
      };
    },
  },
  {
    id: "dfns-deactivate-unsaved",
    api: "dfns",
    kind: "bug",
    area: "state",
    reason: "a deactivation answers the user inactive but saves nothing (the documents: the user, now inactive)",
    operations: ["createUser"],
    mutation: unsavedChange("deactivate"),
  },
  {
    id: "dfns-activate-unsaved",
    api: "dfns",
    kind: "bug",
    area: "state",
    reason: "an activation answers the user active but saves nothing (the documents: the user, now active)",
    operations: ["createUser"],
    mutation: unsavedChange("activate"),
  },
  {
    id: "dfns-archive-stale-body",
    api: "dfns",
    kind: "bug",
    area: "state",
    reason: "an archive answers the user as it was, isActive true (the documents: the updated user, isActive false)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return isArchive(request) && response.status === 200 ? withJson(response, { ...jsonOf(response), isActive: true }) : response;
    },
  },
  {
    id: "dfns-tampered-long-payload",
    api: "dfns",
    kind: "bug",
    area: "signing",
    reason: "a tampered user action is accepted when the body holds a text over 100 characters (the documents: 403)",
    operations: ["createUser"],
    mutation: () => tamperedSignatureOnUnusualPayload,
  },
  {
    id: "dfns-token-reusable",
    api: "dfns",
    kind: "bug",
    area: "signing",
    reason: "a spent user action token is accepted again: its first answer is replayed (the documents: a token works once; 400)",
    mutation: () => {
      const answered = new Map<string, ProxyResponse>();
      return async (request, forward) => {
        const token = request.headers["x-dfns-useraction"];
        const response = await forward(request);
        const earlier = token ? answered.get(token) : undefined;
        if (token && isSuccess(response)) answered.set(token, response);
        return earlier && response.status === 400 ? earlier : response;
      };
    },
  },
  {
    id: "dfns-token-race",
    api: "dfns",
    kind: "bug",
    area: "concurrency",
    reason: "a user action token is marked spent only when its request completes: presented again meanwhile, it works again (the documents: once)",
    operations: ["createUser"],
    mutation: () => {
      const inFlight = new Map<string, Promise<ProxyResponse>>();
      return async (request, forward) => {
        const token = request.headers["x-dfns-useraction"];
        if (!token) return forward(request);
        // A copy that comes while the first is being served passes the spent check, and is served alike.
        const first = inFlight.get(token);
        if (first) return first;
        const pending = new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() => forward(request));
        inFlight.set(token, pending);
        try {
          return await pending;
        } finally {
          inFlight.delete(token);
        }
      };
    },
  },
  {
    id: "dfns-archive-without-user-action",
    api: "dfns",
    kind: "bug",
    area: "signing",
    reason: "an archive without a user action answers 200 with the user (the documents: the user action is required; 401/403)",
    mutation: () => async (request, forward) => {
      const userId = targetOf(request);
      if (!isArchive(request) || request.headers["x-dfns-useraction"] || !request.headers.authorization || !userId) return forward(request);
      const user = await readUser(forward, userId);
      return user.status === 200 ? withJson(user, { ...jsonOf(user), isActive: false }) : forward(request);
    },
  },
  {
    id: "dfns-permission-by-caller-kind",
    api: "dfns",
    kind: "bug",
    area: "permissions",
    reason: "the type permission is read from the caller's kind, not the target's: an end-user manager may not archive an end user (the documents: by the target's kind)",
    mutation: () => async (request, forward) => (changesUser(request) && tokenOf(request) === END_USER_MANAGER_TOKEN ? error(403, "Insufficient permissions: Auth:Types:Employee") : forward(request)),
  },
  {
    id: "dfns-permission-ignored",
    api: "dfns",
    kind: "bug",
    area: "permissions",
    reason: "a caller without Auth:Users:Update archives anyway (the documents: 403)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      const userId = targetOf(request);
      if (!changesUser(request) || tokenOf(request) !== READER_TOKEN || response.status !== 403 || !userId) return response;
      const user = await readUser(forward, userId);
      return user.status === 200 ? withJson(user, { ...jsonOf(user), isActive: false }) : response;
    },
  },
  {
    id: "dfns-malformed-user-id-answered",
    api: "dfns",
    kind: "bug",
    area: "input",
    reason: "a get of a malformed userId answers the caller's own user, as a catch-all route would (the contract: the id format; 4xx)",
    operations: ["getUser"],
    mutation: () => (request, forward) => {
      const raw = /^\/auth\/users\/([^/]+)$/.exec(pathOf(request))?.[1];
      if (request.method !== "GET" || raw === undefined || DFNS_USER_ID.test(decodeURIComponent(raw))) return forward(request);
      const token = request.headers.authorization;
      return forward({ method: "GET", url: `/auth/users/${ADMIN_USER_ID}`, headers: token ? { authorization: token } : {}, body: "" });
    },
  },
  {
    id: "dfns-list-clamps-limit",
    api: "dfns",
    kind: "bug",
    area: "input",
    reason: "a list with a limit out of 1–200 is answered with the limit clamped (the contract: minimum 1, maximum 200; 400)",
    operations: ["listUsers"],
    mutation: () => (request, forward) => {
      const limit = request.method === "GET" && pathOf(request) === "/auth/users" ? queryOf(request, "limit") : null;
      const value = Number(limit);
      if (limit === null || !Number.isFinite(value) || (value >= 1 && value <= 200)) return forward(request);
      return forward(withQuery(request, "limit", String(Math.min(200, Math.max(1, Math.trunc(value))))));
    },
  },
  {
    id: "dfns-missing-token-403",
    api: "dfns",
    kind: "bug",
    area: "auth",
    reason: "an archive without a token is answered 403, not 401 (the documents: 401 for missing credentials)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return isArchive(request) && response.status === 401 ? { ...response, status: 403 } : response;
    },
  },
  {
    id: "dfns-get-without-token",
    api: "dfns",
    kind: "bug",
    area: "auth",
    reason: "a user is read to a caller without a token (the documents: 401)",
    operations: ["getUser"],
    mutation: () => (request, forward) => (request.method === "GET" && USER.test(pathOf(request)) && !request.headers.authorization ? forward({ ...request, headers: { ...request.headers, authorization: `Bearer ${ADMIN_TOKEN}` } }) : forward(request)),
  },
  {
    id: "dfns-errors-as-html",
    api: "dfns",
    kind: "bug",
    area: "headers",
    reason: "errors come as text/html pages (the contract: application/json)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return response.status >= 400 ? { status: response.status, headers: { "content-type": "text/html" }, body: "<html><body>Error</body></html>" } : response;
    },
  },
  {
    id: "dfns-is-active-as-text",
    api: "dfns",
    kind: "bug",
    area: "shape",
    reason: "a user's isActive comes as the text \"true\" or \"false\" (the contract: a boolean)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      const body = jsonOf(response);
      return typeof body?.isActive === "boolean" ? withJson(response, { ...body, isActive: String(body.isActive) }) : response;
    },
  },
  {
    id: "dfns-list-as-users",
    api: "dfns",
    kind: "bug",
    area: "shape",
    reason: "a page of users is named `users`, not `items` (the contract: items is required)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      const page = request.method === "GET" && pathOf(request) === "/auth/users" && response.status === 200 ? jsonOf(response) : undefined;
      if (!page) return response;
      const { items, ...rest } = page;
      return withJson(response, { ...rest, users: items });
    },
  },
];

export const DFNS_CONTROLS: ZooEntry[] = [
  {
    id: "dfns-flat-error",
    api: "dfns",
    kind: "control",
    reason: "a 404 carries only a top-level {message} (the TypeScript SDK reads it; the contract accepts it)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return response.status === 404 ? withJson(response, { message: jsonOf(response)?.error?.message ?? "Not Found" }) : response;
    },
  },
  {
    id: "dfns-extra-user-fields",
    api: "dfns",
    kind: "control",
    reason: "users carry a property the contract does not name (Dfns adds fields over time)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      const body = jsonOf(response);
      return typeof body?.userId === "string" ? withJson(response, { ...body, dateCreated: "2024-01-01T00:00:00.000Z" }) : response;
    },
  },
  {
    id: "dfns-other-error-wording",
    api: "dfns",
    kind: "control",
    reason: "error messages are worded otherwise (wording is never compared strictly)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return jsonOf(response)?.error ? withJson(response, { error: { message: "The request could not be completed." } }) : response;
    },
  },
  {
    id: "dfns-archived-read-inactive",
    api: "dfns",
    kind: "control",
    reason: "an archived user is read back as the user with isActive false, not a 404 (the documents allow both)",
    mutation: () => {
      const { book, forwardAndSee } = archivedBook();
      return async (request, forward) => {
        const response = await forwardAndSee(request, forward);
        const archived = request.method === "GET" && response.status === 404 ? book.get(targetOf(request) ?? "") : undefined;
        return archived ? json(200, { ...archived.body, isActive: false }) : response;
      };
    },
  },
  {
    id: "dfns-archive-again-422",
    api: "dfns",
    kind: "control",
    reason: "a second archive is refused 422 (invalid state), not 404 (the documents allow both)",
    mutation: () => {
      const { book, forwardAndSee } = archivedBook();
      return async (request, forward) => {
        const archived = isArchive(request) ? book.get(targetOf(request) ?? "") : undefined;
        const response = await forwardAndSee(request, forward);
        return archived && response.status === 404 ? error(422, "User is archived") : response;
      };
    },
  },
  {
    id: "dfns-pretty-json",
    api: "dfns",
    kind: "control",
    reason: "JSON bodies indented, with a charset in the media type",
    mutation: () => prettyJson,
  },
  {
    id: "dfns-extra-headers",
    api: "dfns",
    kind: "control",
    reason: "answers carry headers of their own (X-Request-Id, Cache-Control)",
    mutation: () => ownHeaders,
  },
];
