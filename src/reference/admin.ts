import type { ReferenceApi, ReferenceRequest, ReferenceResponse } from "./types.js";

/** Admin paths live under this prefix, which no documented path of either API uses. */
export const ADMIN_PREFIX = "/__archive-kit";

const ENDPOINTS: Record<string, { method: string; answer: (api: ReferenceApi) => ReferenceResponse }> = {
  [`${ADMIN_PREFIX}/state`]: { method: "GET", answer: (api) => ({ status: 200, body: api.state() }) },
  [`${ADMIN_PREFIX}/reset`]: {
    method: "POST",
    answer: (api) => {
      api.reset();
      return { status: 204 };
    },
  },
};

/** The methods the admin endpoints answer (for CORS preflights). */
export const ADMIN_METHODS = [...new Set(Object.values(ENDPOINTS).map((endpoint) => endpoint.method))];

/**
 * Answers a request to an admin path, or undefined for any other path. Admin requests need no
 * credentials and are not rate limited; an unknown admin path is the API's own 404, a wrong method
 * its 405 with `Allow`.
 */
export function adminAnswer(api: ReferenceApi, request: ReferenceRequest): ReferenceResponse | undefined {
  if (request.path !== ADMIN_PREFIX && !request.path.startsWith(`${ADMIN_PREFIX}/`)) return undefined;
  const endpoint = Object.hasOwn(ENDPOINTS, request.path) ? ENDPOINTS[request.path]! : undefined;
  if (!endpoint) return api.unrouted(request, []);
  if (request.method !== endpoint.method) return api.unrouted(request, [endpoint.method]);
  return endpoint.answer(api);
}
