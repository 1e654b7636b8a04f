import type { CaseRequest } from "./types.js";

/** The path with the case's query appended, percent-encoded. */
export function requestTarget(request: CaseRequest): string {
  const query = new URLSearchParams(request.query ?? {}).toString();
  return query ? `${request.path}?${query}` : request.path;
}

/** The case's headers, minus those set to "" (a case's way of saying "do not send this header"). */
export function caseHeaders(request: CaseRequest, defaults: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = { ...defaults };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    for (const existing of Object.keys(merged)) if (existing.toLowerCase() === name.toLowerCase()) delete merged[existing];
    if (value !== "") merged[name] = value;
  }
  return merged;
}

/** The body as sent: `rawBody` verbatim, else `body` as JSON, else none. */
export function requestBody(request: CaseRequest): string | undefined {
  if (request.rawBody !== undefined) return request.rawBody;
  return request.body === undefined ? undefined : JSON.stringify(request.body);
}

/** A request target the runner refuses to send: it would leave the base URL (another host, or above its path). */
export class TargetOutsideBaseUrl extends Error {}

/**
 * The URL a target addresses under the base URL, or a TargetOutsideBaseUrl. Case paths come from
 * files and variables, so they are never trusted to keep the origin: `//host`, `/\host`, encoded
 * dots, userinfo, absolute URLs and control characters (which the URL parser drops) are all refused.
 */
export function resolveTarget(base: URL, target: string): URL {
  const prefix = base.pathname.replace(/\/+$/, "");
  const shown = JSON.stringify(target.length > 120 ? `${target.slice(0, 120)}…` : target);
  const refuse = (why: string) => new TargetOutsideBaseUrl(`request path ${shown} ${why} — a case path starts with a single "/" and stays under ${base.origin}${prefix}/`);
  if (/[\u0000-\u001f\u007f]/.test(target)) throw refuse("contains control characters");
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) throw refuse("does not start with a single \"/\"");
  const url = new URL(`${prefix}${target}`, base.origin);
  if (url.origin !== base.origin || url.username || url.password) throw refuse(`would be sent to ${url.origin}`);
  if (prefix && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) throw refuse(`resolves to ${url.pathname}, outside ${prefix}`);
  return url;
}
