/**
 * Response headers as node:http's IncomingMessage.headers presents them, which the checks were
 * written against: names lower-cased, values read as Latin-1, repeated headers combined.
 */

/** Headers of which node:http keeps only the first occurrence. */
const FIRST_ONLY = new Set([
  "age",
  "authorization",
  "content-length",
  "content-type",
  "etag",
  "expires",
  "from",
  "host",
  "if-modified-since",
  "if-unmodified-since",
  "last-modified",
  "location",
  "max-forwards",
  "proxy-authorization",
  "referer",
  "retry-after",
  "server",
  "user-agent",
]);

/** Raw header lines (name, value, name, value …) as one record. */
export function combineHeaders(raw: readonly Buffer[]): Record<string, string> {
  // A Map, so that a header named __proto__ is a header like any other.
  const headers = new Map<string, string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString("latin1").toLowerCase();
    const value = raw[i + 1]!.toString("latin1");
    const existing = headers.get(name);
    if (existing === undefined) headers.set(name, value);
    else if (!FIRST_ONLY.has(name)) headers.set(name, `${existing}${name === "cookie" ? "; " : ", "}${value}`);
  }
  return Object.fromEntries(headers);
}
