import { jsonOf, pathOf, type Mutation, type ProxyAnswer, type ProxyRequest, type ProxyResponse } from "../mutating-proxy.js";

export const queryOf = (request: ProxyRequest, name: string) => new URL(request.url, "http://proxy.invalid").searchParams.get(name);

/** A request or response body parsed as a JSON object (undefined for anything else). */
export function objectBody(text: string): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const isSuccess = (response: ProxyResponse) => response.status >= 200 && response.status < 300;

/** A JSON answer of the proxy's own. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): ProxyAnswer => ({ status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

/** The request with a query parameter set (or removed, for undefined). */
export function withQuery(request: ProxyRequest, name: string, value: string | undefined): ProxyRequest {
  const url = new URL(request.url, "http://proxy.invalid");
  if (value === undefined) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  return { ...request, url: `${url.pathname}${url.search}` };
}

/** The path segment after a prefix, decoded (`/users/abc` → "abc"), or undefined. */
export function segmentAfter(request: ProxyRequest, pattern: RegExp): string | undefined {
  const raw = pattern.exec(pathOf(request))?.[1];
  return raw === undefined ? undefined : decodeURIComponent(raw);
}

/**
 * The users the proxy saw answered, by a key field ("id", "userId"), in the order first seen, with
 * the last body answered for each and whether an archive of theirs succeeded.
 */
export class UserBook {
  private readonly users = new Map<string, { body: Record<string, unknown>; archived: boolean }>();
  constructor(private readonly key: string) {}

  /** Records the user an answer holds (a user object), if it holds one. */
  see(response: ProxyResponse, archived?: boolean): Record<string, unknown> | undefined {
    const body = jsonOf(response) as Record<string, unknown> | undefined;
    const id = body?.[this.key];
    if (!body || typeof id !== "string") return undefined;
    const known = this.users.get(id);
    this.users.set(id, { body, archived: archived ?? known?.archived ?? false });
    return body;
  }

  get(id: string) {
    return this.users.get(id);
  }

  /** The first user (in the order seen) whose field satisfies `match`. */
  find(match: (user: Record<string, unknown>) => boolean): { body: Record<string, unknown>; archived: boolean } | undefined {
    return [...this.users.values()].find((user) => match(user.body));
  }

  /** The users seen before the given one, latest first. */
  before(id: string): Array<{ body: Record<string, unknown>; archived: boolean }> {
    const ids = [...this.users.keys()];
    return ids.slice(0, ids.indexOf(id)).reverse().map((earlier) => this.users.get(earlier)!);
  }

  setArchived(id: string, archived: boolean) {
    const known = this.users.get(id);
    if (known) known.archived = archived;
  }
}

/** A control of both APIs: JSON bodies indented, with a charset in the media type. */
export const prettyJson: Mutation = async (request, forward) => {
  const response = await forward(request);
  const body = jsonOf(response);
  return body === undefined ? response : { ...response, headers: { ...response.headers, "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body, null, 2) };
};

/** A control of both APIs: answers carry headers of their own. */
export const ownHeaders: Mutation = async (request, forward) => {
  const response = await forward(request);
  return { ...response, headers: { ...response.headers, "x-request-id": "zoo-control", "cache-control": "no-store" } };
};
