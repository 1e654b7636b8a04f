import type { FaultInjector, PlannedAnswer } from "./faults.js";
import type { RequestJournal } from "./request-journal.js";
import type { ReferenceLogic, ReferenceRequest, ReferenceResponse } from "./types.js";

/** Admin paths live under this prefix, which no documented path of either API uses. */
export const ADMIN_PREFIX = "/__archive-kit";

/** What the admin endpoints act on besides the API's own state. */
export interface AdminContext {
  /** Whether a page of this origin may call the server (CORS allows it). */
  originAllowed(origin: string): boolean;
  faults: FaultInjector;
  journal: RequestJournal;
}

interface AdminEndpoint {
  method: string;
  /** Changes the server's state: guarded against requests any web page could send. */
  changesState: boolean;
  answer: (api: ReferenceLogic, request: ReferenceRequest, context: AdminContext) => ReferenceResponse;
}

const ENDPOINTS: Record<string, AdminEndpoint> = {
  [`${ADMIN_PREFIX}/state`]: { method: "GET", changesState: false, answer: (api) => ({ status: 200, body: api.state() }) },
  [`${ADMIN_PREFIX}/requests`]: { method: "GET", changesState: false, answer: (_api, _request, context) => ({ status: 200, body: { requests: context.journal.entries() } }) },
  [`${ADMIN_PREFIX}/reset`]: {
    method: "POST",
    changesState: true,
    answer: (api, _request, context) => {
      resetAll(api, context);
      return { status: 204 };
    },
  },
  [`${ADMIN_PREFIX}/seed`]: {
    method: "POST",
    changesState: true,
    answer: (api, request) => {
      if (!api.seed) return api.failure(request, 400, `${ADMIN_PREFIX}/seed: this API's reference cannot be seeded at run time — start it with --fixtures`);
      const users = seededUsers(request.rawBody);
      if (typeof users === "string") return api.failure(request, 400, `${ADMIN_PREFIX}/seed: ${users}`);
      const seeded = api.seed(users);
      return seeded.ok ? { status: 204 } : api.failure(request, 400, `${ADMIN_PREFIX}/seed: ${seeded.message}; nothing was seeded`);
    },
  },
  [`${ADMIN_PREFIX}/respond`]: {
    method: "POST",
    changesState: true,
    answer: (api, request, context) => {
      const parsed = plannedAnswer(request.rawBody);
      if (typeof parsed === "string") return api.failure(request, 400, `${ADMIN_PREFIX}/respond: ${parsed}`);
      const planned = context.faults.plan(parsed);
      return planned.ok ? { status: 204 } : api.failure(request, 400, `${ADMIN_PREFIX}/respond: ${planned.message}`);
    },
  },
};

/** The methods the admin endpoints answer (for CORS preflights). */
export const ADMIN_METHODS = [...new Set(Object.values(ENDPOINTS).map((endpoint) => endpoint.method))];

/**
 * Answers a request to an admin path, or undefined for any other path. Admin requests need no
 * credentials and are not rate limited; an unknown admin path is the API's own 404, a wrong method
 * its 405 with `Allow`. A state-changing one must be a request no web page can send without a CORS
 * preflight (`Content-Type: application/json`: a form or a "simple" fetch cannot set it), and must
 * not come from a page of an origin CORS does not allow; anything else is refused unread.
 */
export function adminAnswer(api: ReferenceLogic, request: ReferenceRequest, context: AdminContext): ReferenceResponse | undefined {
  if (!isAdminPath(request.path)) return undefined;
  const endpoint = Object.hasOwn(ENDPOINTS, request.path) ? ENDPOINTS[request.path]! : undefined;
  if (!endpoint) return api.unrouted(request, []);
  if (request.method !== endpoint.method) return api.unrouted(request, [endpoint.method]);
  if (endpoint.changesState) {
    const origin = request.headers.origin;
    if (origin !== undefined && !context.originAllowed(origin)) {
      return api.failure(request, 403, `${request.path} refuses requests from pages of ${origin}: CORS does not allow that origin — start the mock with --cors-origin ${origin} to allow it`);
    }
    if (!isJson(request.contentType)) {
      return api.failure(request, 415, `${request.path} needs Content-Type: application/json (which no web page can send without a CORS preflight), like curl -X POST -H 'Content-Type: application/json' …${request.path}`);
    }
  }
  return endpoint.answer(api, request, context);
}

/** Back to the fixtures: the API's state, and the answers planned and requests journaled since. */
export function resetAll(api: ReferenceLogic, context: Pick<AdminContext, "faults" | "journal">): void {
  api.reset();
  context.faults.clearPlans();
  context.journal.clear();
}

export function isAdminPath(path: string): boolean {
  return path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]!.trim().toLowerCase() === "application/json";
}

/** How many users one seed call may add: the stores' own bounds cap the total. */
export const MAX_SEEDED_PER_CALL = 1_000;

/** The `users` of a seed body `{ "users": [...] }`, or what is wrong with it. */
function seededUsers(rawBody: string): unknown[] | string {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return 'the body must be JSON like {"users": [{"user_id": "42", "email": "ann@example.com"}]}';
  }
  const users = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as { users?: unknown }).users : undefined;
  if (!Array.isArray(users)) return 'the body must be an object with a "users" list, like {"users": [{"user_id": "42"}]}';
  const extra = Object.keys(body as object).find((key) => key !== "users");
  if (extra !== undefined) return `${JSON.stringify(extra).slice(0, 60)} is not a field; give users only`;
  if (users.length > MAX_SEEDED_PER_CALL) return `at most ${MAX_SEEDED_PER_CALL} users per call, not ${users.length}`;
  return users;
}

/** `{ operationId, status, example?, times? }` from a respond body, or what is wrong with it. */
function plannedAnswer(rawBody: string): PlannedAnswer | string {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return 'the body must be JSON like {"operationId": "archiveUserById", "status": 429}';
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return 'the body must be a JSON object like {"operationId": "archiveUserById", "status": 429}';
  const { operationId, status, example, times = 1, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return `${JSON.stringify(unknown).slice(0, 60)} is not a field; give operationId, status, and optionally example and times`;
  if (typeof operationId !== "string" || operationId === "") return "operationId must be the operationId of a documented operation";
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) return "status must be an HTTP status the operation documents, like 429";
  if (example !== undefined && typeof example !== "string") return "example must be the name of a documented example";
  if (!Number.isInteger(times) || (times as number) < 1 || (times as number) > 1000) return "times must be a whole number from 1 to 1000";
  return { operationId, status: status as number, example: example as string | undefined, times: times as number };
}
