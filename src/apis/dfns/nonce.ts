import { randomUUID } from "node:crypto";
import { toBase64Url } from "./base64url.js";

/** A seed-era `X-DFNS-NONCE`: base64url of `{"uuid": …, "date": …}`, fresh for each request. */
export function createNonce(now = new Date()): string {
  return toBase64Url(JSON.stringify({ uuid: randomUUID(), date: now.toISOString() }));
}
