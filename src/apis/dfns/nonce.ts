import { toBase64Url } from "../../encoding/base64.js";

/** A seed-era `X-DFNS-NONCE`: base64url of `{"uuid": …, "date": …}`, fresh for each request. */
export function createNonce(now = new Date()): string {
  return toBase64Url(JSON.stringify({ uuid: globalThis.crypto.randomUUID(), date: now.toISOString() }));
}
