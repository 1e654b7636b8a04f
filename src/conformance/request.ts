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
