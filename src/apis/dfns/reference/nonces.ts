import { fromBase64Url } from "../base64url.js";

const FRESHNESS_MS = 5 * 60 * 1000;

export type NonceVerdict = "valid" | "invalid" | "replayed";

/**
 * Seed-era `X-DFNS-NONCE`: base64url JSON `{uuid, date}`, the uuid at least 13 characters, the
 * date within five minutes of now. Each uuid is accepted once.
 */
export function createNonceRegistry(now: () => number) {
  const seen = new Map<string, number>();

  const forgetExpired = (at: number) => {
    for (const [uuid, expiresAt] of seen) if (expiresAt <= at) seen.delete(uuid);
  };

  return {
    /** Forgets every nonce seen (the admin reset). */
    clear(): void {
      seen.clear();
    },
    check(header: string): NonceVerdict {
      let parsed: unknown;
      try {
        parsed = JSON.parse(fromBase64Url(header).toString("utf8"));
      } catch {
        return "invalid";
      }
      const { uuid, date } = (parsed ?? {}) as { uuid?: unknown; date?: unknown };
      const at = now();
      const issuedAt = typeof date === "string" ? Date.parse(date) : Number.NaN;
      if (typeof uuid !== "string" || uuid.length < 13 || Number.isNaN(issuedAt) || Math.abs(at - issuedAt) > FRESHNESS_MS) {
        return "invalid";
      }
      forgetExpired(at);
      if (seen.has(uuid)) return "replayed";
      seen.set(uuid, issuedAt + FRESHNESS_MS * 2);
      return "valid";
    },
  };
}
