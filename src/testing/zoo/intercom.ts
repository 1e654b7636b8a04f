import { jsonOf, pathOf, withJson, type Mutation, type ProxyRequest } from "../mutating-proxy.js";
import { json, objectBody, ownHeaders, prettyJson, queryOf, segmentAfter, UserBook, withQuery } from "./helpers.js";
import type { ZooEntry } from "./types.js";

const TOKEN = "test-only-intercom-token";
/** The characters of every user_id the shipped cases send ("25", "ak-<run id>-twice"): anything else is odd. */
const USUAL_USER_ID = /^[A-Za-z0-9@._-]*$/;
const USER_BY_ID = /^\/users\/([^/]+)$/;

const codePoints = (text: string) => [...text].length;
const isCreate = (request: ProxyRequest) => request.method === "POST" && pathOf(request) === "/users";
const isArchive = (request: ProxyRequest) => request.method === "DELETE" && (pathOf(request) === "/users" || USER_BY_ID.test(pathOf(request)));
const userIdOf = (request: ProxyRequest) => segmentAfter(request, USER_BY_ID);
const notFound = () => json(404, { type: "error.list", request_id: null, errors: [{ code: "not_found", message: "User Not Found" }] });

/** Rewrites the `user_id` of a create before the reference sees it. */
const onCreateUserId =
  (rewrite: (userId: unknown) => unknown): Mutation =>
  (request, forward) => {
    const body = isCreate(request) ? objectBody(request.body) : undefined;
    if (!body || !("user_id" in body)) return forward(request);
    return forward({ ...request, body: JSON.stringify({ ...body, user_id: rewrite(body.user_id) }) });
  };

/** A 500 (not the documented 400) to a DELETE whose user_id is over the 255 code points the contract allows. */
export const serverErrorOnLongUserId: Mutation = (request, forward) => {
  if (request.method === "DELETE" && codePoints(queryOf(request, "user_id") ?? "") > 255) {
    return Promise.resolve(json(500, { type: "error.list", errors: [{ code: "server_error", message: "boom" }] }));
  }
  return forward(request);
};

/**
 * The users the proxy saw, kept up to date from every answer: creates and views record them,
 * a 200 archive marks them archived, a 200 create unarchives them.
 */
function bookOf(): { book: UserBook; watch: Mutation } {
  const book = new UserBook("id");
  const watch: Mutation = async (request, forward) => {
    const response = await forward(request);
    if (response.status === 200 && jsonOf(response)?.type === "user") book.see(response, isArchive(request) ? true : isCreate(request) ? false : undefined);
    return response;
  };
  return { book, watch };
}

/** A mutation that sees the book the proxy keeps: `act` answers, given the request and a forward that keeps the book. */
function withBook(act: (book: UserBook, request: ProxyRequest, forward: Parameters<Mutation>[1]) => ReturnType<Mutation>): () => Mutation {
  return () => {
    const { book, watch } = bookOf();
    return (request, forward) => act(book, request, (sent) => watch(sent, forward) as ReturnType<typeof forward>);
  };
}

/** The archived user a lookup addresses (by id, user_id or e-mail), if the proxy saw one archived. */
function archivedAddressed(book: UserBook, request: ProxyRequest) {
  const id = userIdOf(request);
  const userId = queryOf(request, "user_id");
  const email = queryOf(request, "email")?.toLowerCase();
  const user = id !== undefined ? book.get(id) : book.find((body) => (userId !== null ? body.user_id === userId : email !== undefined && body.email === email));
  return user?.archived ? user : undefined;
}

export const INTERCOM_BUGS: ZooEntry[] = [
  {
    id: "intercom-email-lists-archived",
    api: "intercom",
    kind: "bug",
    area: "state",
    reason: "a view by e-mail still lists the archived user (the documents: an archived user is listed by nobody's e-mail)",
    operations: ["createOrUpdateUser"],
    mutation: withBook(async (book, request, forward) => {
      const response = await forward(request);
      const email = request.method === "GET" && pathOf(request) === "/users" ? queryOf(request, "email") : null;
      const archived = email !== null ? archivedAddressed(book, request) : undefined;
      const list = jsonOf(response);
      if (!archived || list?.type !== "user.list") return response;
      return withJson(response, { ...list, total_count: list.total_count + 1, users: [...list.users, archived.body] });
    }),
  },
  {
    id: "intercom-recreate-new-id",
    api: "intercom",
    kind: "bug",
    area: "state",
    reason: "re-adding an archived user answers a new id (the documents: it unarchives the same user)",
    operations: ["createOrUpdateUser"],
    mutation: withBook(async (book, request, forward) => {
      const sent = isCreate(request) ? objectBody(request.body) : undefined;
      const archived = sent && book.find((body) => (typeof sent.user_id === "string" && body.user_id === sent.user_id) || (typeof sent.email === "string" && body.email === sent.email.toLowerCase()));
      const response = await forward(request);
      if (!archived?.archived || response.status !== 200) return response;
      return withJson(response, { ...jsonOf(response), id: `${String(archived.body.id).slice(0, 16)}ffffffff` });
    }),
  },
  {
    id: "intercom-user-id-prefix",
    api: "intercom",
    kind: "bug",
    area: "state",
    reason: "a lookup or archive by user_id takes the first user whose user_id starts with it (the documents: the user with that user_id)",
    operations: ["createOrUpdateUser"],
    mutation: withBook((book, request, forward) => {
      const userId = pathOf(request) === "/users" && request.method !== "POST" ? queryOf(request, "user_id") : null;
      const first = userId ? book.find((body) => typeof body.user_id === "string" && body.user_id.startsWith(userId)) : undefined;
      if (!first || first.body.user_id === userId) return forward(request);
      return forward({ ...withQuery(request, "user_id", undefined), url: `/users/${encodeURIComponent(String(first.body.id))}` });
    }),
  },
  {
    id: "intercom-archived-found-by-user-id",
    api: "intercom",
    kind: "bug",
    area: "state",
    reason: "an archived user is still answered by user_id (the documents: 404)",
    mutation: withBook(async (book, request, forward) => {
      const response = await forward(request);
      const archived = request.method === "GET" && queryOf(request, "user_id") !== null && response.status === 404 ? archivedAddressed(book, request) : undefined;
      return archived ? json(200, archived.body) : response;
    }),
  },
  {
    id: "intercom-archived-found-by-id",
    api: "intercom",
    kind: "bug",
    area: "state",
    reason: "an archived user is still answered by id (the documents: 404)",
    mutation: withBook(async (book, request, forward) => {
      const response = await forward(request);
      const archived = request.method === "GET" && userIdOf(request) !== undefined && response.status === 404 ? archivedAddressed(book, request) : undefined;
      return archived ? json(200, archived.body) : response;
    }),
  },
  {
    id: "intercom-archive-twice",
    api: "intercom",
    kind: "bug",
    area: "state",
    reason: "a second archive of the same user answers 200 again (the documents: one archive wins, the second finds no user)",
    mutation: withBook(async (book, request, forward) => {
      const archived = isArchive(request) ? archivedAddressed(book, request) : undefined;
      const response = await forward(request);
      return archived && response.status === 404 ? json(200, archived.body) : response;
    }),
  },
  {
    id: "intercom-recreate-stays-archived",
    api: "intercom",
    kind: "bug",
    area: "state",
    reason: "re-adding an archived user answers it but leaves it archived (the documents: re-adding unarchives)",
    operations: ["createOrUpdateUser"],
    mutation: withBook(async (book, request, forward) => {
      const sent = isCreate(request) ? objectBody(request.body) : undefined;
      const archived = sent && book.find((body) => (typeof sent.user_id === "string" && body.user_id === sent.user_id) || (typeof sent.email === "string" && body.email === sent.email.toLowerCase()));
      return archived?.archived && sent?.id === undefined ? json(200, archived.body) : forward(request);
    }),
  },
  {
    id: "intercom-archive-touches-neighbour",
    api: "intercom",
    kind: "bug",
    area: "state",
    reason: "archiving a user also archives the user created just before it (the documents: the archive addresses one user)",
    operations: ["createOrUpdateUser"],
    mutation: withBook(async (book, request, forward) => {
      const response = await forward(request);
      const archived = isArchive(request) && response.status === 200 ? jsonOf(response) : undefined;
      // Only users of a run (their user_id templated "ak-…") are touched: the fixtures' users stay.
      const neighbour = archived && book.before(String(archived.id)).find((user) => !user.archived && String(user.body.user_id ?? "").startsWith("ak-"));
      if (neighbour) await forward({ method: "DELETE", url: `/users/${encodeURIComponent(String(neighbour.body.id))}`, headers: { authorization: `Bearer ${TOKEN}`, accept: "application/json" }, body: "" });
      return response;
    }),
  },
  {
    id: "intercom-archive-race",
    api: "intercom",
    kind: "bug",
    area: "concurrency",
    reason: "an archive reads the user, waits, then archives: two archives at once both answer 200 (the documents: one archive wins)",
    operations: ["createOrUpdateUser"],
    mutation: () => async (request, forward) => {
      if (request.method !== "DELETE" || !USER_BY_ID.test(pathOf(request))) return forward(request);
      const before = await forward({ ...request, method: "GET" });
      await new Promise((resolve) => setTimeout(resolve, 25));
      const response = await forward(request);
      return response.status === 404 && before.status === 200 ? { ...before, status: 200 } : response;
    },
  },
  {
    id: "intercom-create-coerces-user-id",
    api: "intercom",
    kind: "bug",
    area: "input",
    reason: "a create accepts a non-string user_id, coercing it (the contract: a string; 400 otherwise)",
    operations: ["createOrUpdateUser"],
    mutation: () => onCreateUserId((userId) => (typeof userId === "string" ? userId : typeof userId === "object" ? JSON.stringify(userId) : String(userId))),
  },
  {
    id: "intercom-create-truncates-user-id",
    api: "intercom",
    kind: "bug",
    area: "input",
    reason: "a create cuts a user_id over 255 characters instead of refusing it (the contract: maxLength 255)",
    operations: ["createOrUpdateUser"],
    mutation: () => onCreateUserId((userId) => (typeof userId === "string" ? [...userId].slice(0, 255).join("") : userId)),
  },
  {
    id: "intercom-long-user-id-500",
    api: "intercom",
    kind: "bug",
    area: "input",
    reason: "an archive by a user_id over 255 characters answers 500 (the contract: a documented 4xx)",
    operations: ["archiveUserByQuery"],
    mutation: () => serverErrorOnLongUserId,
  },
  {
    id: "intercom-empty-user-id-lists",
    api: "intercom",
    kind: "bug",
    area: "input",
    reason: "a view with an empty user_id= answers the list of all users (the contract: user_id has minLength 1, so 400)",
    operations: ["viewUsers"],
    mutation: () => (request, forward) => (request.method === "GET" && queryOf(request, "user_id") === "" ? forward(withQuery(request, "user_id", undefined)) : forward(request)),
  },
  {
    id: "intercom-create-truncates-email",
    api: "intercom",
    kind: "bug",
    area: "input",
    reason: "a create cuts an e-mail over 255 characters instead of refusing it (the contract: maxLength 255)",
    operations: ["createOrUpdateUser"],
    mutation: () => (request, forward) => {
      const body = isCreate(request) ? objectBody(request.body) : undefined;
      if (typeof body?.email !== "string" || codePoints(body.email) <= 255) return forward(request);
      return forward({ ...request, body: JSON.stringify({ ...body, email: [...body.email].slice(0, 255).join("") }) });
    },
  },
  {
    id: "intercom-view-without-token",
    api: "intercom",
    kind: "bug",
    area: "auth",
    reason: "users are listed to a caller without a token (the documents: 401)",
    operations: ["viewUsers"],
    mutation: () => (request, forward) => (request.method === "GET" && pathOf(request) === "/users" && !request.headers.authorization ? forward({ ...request, headers: { ...request.headers, authorization: `Bearer ${TOKEN}` } }) : forward(request)),
  },
  {
    id: "intercom-archive-any-token",
    api: "intercom",
    kind: "bug",
    area: "auth",
    reason: "an archive accepts any bearer token (the documents: 401 for a token that is not the app's)",
    mutation: () => (request, forward) => (isArchive(request) && request.headers.authorization?.startsWith("Bearer ") ? forward({ ...request, headers: { ...request.headers, authorization: `Bearer ${TOKEN}` } }) : forward(request)),
  },
  {
    id: "intercom-401-plain-text",
    api: "intercom",
    kind: "bug",
    area: "auth",
    reason: "a 401 comes as the text \"Unauthorized\" (the documents: Intercom's error.list envelope)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return response.status === 401 ? { status: 401, headers: { "content-type": "text/plain" }, body: "Unauthorized" } : response;
    },
  },
  {
    id: "intercom-user-as-text",
    api: "intercom",
    kind: "bug",
    area: "headers",
    reason: "a user viewed by id comes as text/plain (the contract: application/json)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return request.method === "GET" && userIdOf(request) !== undefined && response.status === 200 ? { ...response, headers: { ...response.headers, "content-type": "text/plain" } } : response;
    },
  },
  {
    id: "intercom-405-without-allow",
    api: "intercom",
    kind: "bug",
    area: "headers",
    reason: "a method the API lacks gets 405 without an Allow header (HTTP: a 405 names the allowed methods)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      if (response.status !== 405) return response;
      const { allow: _allow, ...headers } = response.headers;
      return { ...response, headers };
    },
  },
  {
    id: "intercom-rate-limit-as-words",
    api: "intercom",
    kind: "bug",
    area: "headers",
    reason: "X-RateLimit-Limit reads \"500 per minute\" (the contract: an integer)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return response.headers["x-ratelimit-limit"] ? { ...response, headers: { ...response.headers, "x-ratelimit-limit": `${response.headers["x-ratelimit-limit"]} per minute` } } : response;
    },
  },
  {
    id: "intercom-numeric-user-id",
    api: "intercom",
    kind: "bug",
    area: "shape",
    reason: "an all-digit user_id (the documented \"25\") comes back as a number (the contract: a string)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      const body = jsonOf(response);
      const numeric = (user: Record<string, unknown>) => (typeof user.user_id === "string" && /^\d+$/.test(user.user_id) ? { ...user, user_id: Number(user.user_id) } : user);
      if (body?.type === "user") return withJson(response, numeric(body));
      if (body?.type === "user.list" && Array.isArray(body.users)) return withJson(response, { ...body, users: body.users.map(numeric) });
      return response;
    },
  },
  {
    id: "intercom-odd-user-id-ill-typed",
    api: "intercom",
    kind: "bug",
    area: "shape",
    reason: "a 404 to a view by an unusual user_id carries a numeric request_id (the contract: a string or null)",
    operations: ["viewUsers"],
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      const userId = request.method === "GET" && pathOf(request) === "/users" ? queryOf(request, "user_id") : null;
      if (userId === null || USUAL_USER_ID.test(userId) || response.status !== 404) return response;
      return withJson(response, { ...jsonOf(response), request_id: 404 });
    },
  },
  {
    id: "intercom-email-no-match-404",
    api: "intercom",
    kind: "bug",
    area: "shape",
    reason: "a view by an e-mail nobody has answers 404 (the documents: a user.list with total_count 0)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      const list = request.method === "GET" && queryOf(request, "email") !== null ? jsonOf(response) : undefined;
      return list?.type === "user.list" && list.total_count === 0 ? notFound() : response;
    },
  },
  {
    id: "intercom-archive-no-content",
    api: "intercom",
    kind: "bug",
    area: "shape",
    reason: "an archive answers 204 with no body (the documents: 200 with the archived user)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return isArchive(request) && response.status === 200 ? { status: 204, headers: {}, body: "" } : response;
    },
  },
  {
    id: "intercom-error-without-code",
    api: "intercom",
    kind: "bug",
    area: "shape",
    reason: "errors come without their machine-readable code (the contract: each error has a code)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      const body = jsonOf(response);
      if (body?.type !== "error.list" || !Array.isArray(body.errors)) return response;
      return withJson(response, { ...body, errors: body.errors.map(({ code: _code, ...rest }: Record<string, unknown>) => rest) });
    },
  },
];

export const INTERCOM_CONTROLS: ZooEntry[] = [
  {
    id: "intercom-extra-user-fields",
    api: "intercom",
    kind: "control",
    reason: "users carry a property the contract does not name (Intercom adds fields over time)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return jsonOf(response)?.type === "user" ? withJson(response, { ...jsonOf(response), tags: { type: "tag.list", tags: [] } }) : response;
    },
  },
  {
    id: "intercom-other-error-wording",
    api: "intercom",
    kind: "control",
    reason: "error messages are worded otherwise (wording is never compared strictly)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      const body = jsonOf(response);
      if (body?.type !== "error.list" || !Array.isArray(body.errors)) return response;
      return withJson(response, { ...body, errors: body.errors.map((error: Record<string, unknown>) => ({ ...error, message: "Something about this request is not right." })) });
    },
  },
  {
    id: "intercom-no-rate-limit-headers",
    api: "intercom",
    kind: "control",
    reason: "no X-RateLimit-* headers (Intercom says some answers carry none)",
    mutation: () => async (request, forward) => {
      const response = await forward(request);
      return { ...response, headers: Object.fromEntries(Object.entries(response.headers).filter(([name]) => !name.startsWith("x-ratelimit-"))) };
    },
  },
  {
    id: "intercom-pretty-json",
    api: "intercom",
    kind: "control",
    reason: "JSON bodies indented, with a charset in the media type",
    mutation: () => prettyJson,
  },
  {
    id: "intercom-extra-headers",
    api: "intercom",
    kind: "control",
    reason: "answers carry headers of their own (X-Request-Id, Cache-Control)",
    mutation: () => ownHeaders,
  },
  {
    id: "intercom-trickled-bodies",
    api: "intercom",
    kind: "control",
    reason: "every answer's head sent first, its body in four slices a millisecond apart",
    mutation: () => async (request, forward) => ({ ...(await forward(request)), trickleMs: 1 }),
  },
];
