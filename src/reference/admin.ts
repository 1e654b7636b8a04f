import type { ReferenceApi, ReferenceRequest, ReferenceResponse } from "./types.js";

/** Admin paths live under this prefix, which no documented path of either API uses. */
export const ADMIN_PREFIX = "/__archive-kit";

interface AdminEndpoint {
  method: string;
  /** Changes the server's state: guarded against requests any web page could send. */
  changesState: boolean;
  answer: (api: ReferenceApi) => ReferenceResponse;
}

const ENDPOINTS: Record<string, AdminEndpoint> = {
  [`${ADMIN_PREFIX}/state`]: { method: "GET", changesState: false, answer: (api) => ({ status: 200, body: api.state() }) },
  [`${ADMIN_PREFIX}/reset`]: {
    method: "POST",
    changesState: true,
    answer: (api) => {
      api.reset();
      return { status: 204 };
    },
  },
};

/** The methods the admin endpoints answer (for CORS preflights). */
export const ADMIN_METHODS = [...new Set(Object.values(ENDPOINTS).map((endpoint) => endpoint.method))];

/** What the admin endpoints need to know of the server's CORS policy. */
export interface AdminGuard {
  /** Whether a page of this origin may call the server (CORS allows it). */
  originAllowed(origin: string): boolean;
}

/**
 * Answers a request to an admin path, or undefined for any other path. Admin requests need no
 * credentials and are not rate limited; an unknown admin path is the API's own 404, a wrong method
 * its 405 with `Allow`. A state-changing one must be a request no web page can send without a CORS
 * preflight (`Content-Type: application/json`: a form or a "simple" fetch cannot set it), and must
 * not come from a page of an origin CORS does not allow; anything else is refused unread.
 */
export function adminAnswer(api: ReferenceApi, request: ReferenceRequest, guard: AdminGuard): ReferenceResponse | undefined {
  if (request.path !== ADMIN_PREFIX && !request.path.startsWith(`${ADMIN_PREFIX}/`)) return undefined;
  const endpoint = Object.hasOwn(ENDPOINTS, request.path) ? ENDPOINTS[request.path]! : undefined;
  if (!endpoint) return api.unrouted(request, []);
  if (request.method !== endpoint.method) return api.unrouted(request, [endpoint.method]);
  if (endpoint.changesState) {
    const origin = request.headers.origin;
    if (origin !== undefined && !guard.originAllowed(origin)) {
      return api.failure(request, 403, `${request.path} refuses requests from pages of ${origin}: CORS does not allow that origin — start the mock with --cors-origin ${origin} to allow it`);
    }
    if (!isJson(request.contentType)) {
      return api.failure(request, 415, `${request.path} needs Content-Type: application/json (which no web page can send without a CORS preflight), like curl -X POST -H 'Content-Type: application/json' …${request.path}`);
    }
  }
  return endpoint.answer(api);
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]!.trim().toLowerCase() === "application/json";
}
