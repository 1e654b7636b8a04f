import { sha256Base64Url } from "../../../encoding/digest.js";
import { fromBase64Url, utf8Text } from "../../../encoding/base64.js";
import { BoundedRegistry, type RegistryLimits } from "./bounded-registry.js";

const FRESHNESS_MS = 5 * 60 * 1000;

/**
 * Nonces remembered at once: per caller and in total. Beyond either, a request with a new nonce
 * is refused with 429 until older nonces expire (forgetting one early would let it be replayed).
 */
export const NONCE_LIMITS: RegistryLimits = { perOwner: 5_000, total: 50_000, whenOwnerFull: "refuse" };

export type NonceVerdict = "valid" | "invalid" | "replayed" | "too-many";

/**
 * Seed-era `X-DFNS-NONCE`: base64url JSON `{uuid, date}`, the uuid at least 13 characters, the
 * date within five minutes of now. Each uuid is accepted once.
 */
export function createNonceRegistry(now: () => number) {
  // A nonce dated up to five minutes ahead stays acceptable for ten minutes from now, so each is
  // remembered that long; a digest is kept, whatever the length of the uuid.
  const seen = new BoundedRegistry<true>(NONCE_LIMITS, FRESHNESS_MS * 2);

  return {
    /** Forgets every nonce seen (the admin reset). */
    clear(): void {
      seen.clear();
    },
    async check(header: string, callerId: string): Promise<NonceVerdict> {
      let parsed: unknown;
      try {
        parsed = JSON.parse(utf8Text(fromBase64Url(header)));
      } catch {
        return "invalid";
      }
      const { uuid, date } = (parsed ?? {}) as { uuid?: unknown; date?: unknown };
      const at = now();
      const issuedAt = typeof date === "string" ? Date.parse(date) : Number.NaN;
      if (typeof uuid !== "string" || uuid.length < 13 || Number.isNaN(issuedAt) || Math.abs(at - issuedAt) > FRESHNESS_MS) {
        return "invalid";
      }
      const key = await sha256Base64Url(uuid);
      // Nothing awaits from here on: two requests with one nonce cannot both find it unseen.
      if (seen.has(key, at)) return "replayed";
      return seen.add(key, callerId, true, at).ok ? "valid" : "too-many";
    },
  };
}
