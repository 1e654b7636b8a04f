/** The longest wait a `Prefer: delay=MS` or `--latency MS` may ask for, in milliseconds. */
export const MAX_DELAY_MS = 10_000;

/** What a `Prefer` request header asks a reference server for (Prism's preference names). */
export interface Preferences {
  /** Answer this documented status instead of handling the request. */
  code?: number;
  /** Answer with this named documented example. */
  example?: string;
  /** Wait this long before answering, in milliseconds. */
  delayMs?: number;
}

export type PreferParse = { ok: true; preferences: Preferences } | { ok: false; message: string };

/**
 * Reads `Prefer: code=429, example=rateLimited, delay=500` (`;` separates as well as `,`).
 * As RFC 7240 asks, unknown preferences are ignored and only the first of a repeated one counts;
 * a known preference with a malformed value is refused, so a typo never passes silently.
 */
export function parsePrefer(header: string | undefined): PreferParse {
  const preferences: Preferences = {};
  const seen = new Set<string>();
  for (const item of (header ?? "").split(/[,;]/)) {
    const text = item.trim();
    if (text === "") continue;
    const equals = text.indexOf("=");
    const name = (equals === -1 ? text : text.slice(0, equals)).trim().toLowerCase();
    if (!["code", "example", "delay"].includes(name) || seen.has(name)) continue;
    seen.add(name);
    const value = equals === -1 ? "" : unquote(text.slice(equals + 1).trim());
    if (name === "code") {
      if (!/^[1-5]\d\d$/.test(value)) return { ok: false, message: `Prefer: code=${value} is not an HTTP status — use a documented one, like code=429` };
      preferences.code = Number(value);
    } else if (name === "delay") {
      if (!/^\d{1,5}$/.test(value) || Number(value) > MAX_DELAY_MS) {
        return { ok: false, message: `Prefer: delay=${value} must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}` };
      }
      preferences.delayMs = Number(value);
    } else {
      if (value === "") return { ok: false, message: "Prefer: example= needs the name of a documented example" };
      preferences.example = value;
    }
  }
  return { ok: true, preferences };
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
