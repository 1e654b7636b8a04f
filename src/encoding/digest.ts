import { toBase64Url } from "./base64.js";

/** SHA-256 of UTF-8 text as base64url, with WebCrypto (Node and browsers alike, no hashing library to load). */
export async function sha256Base64Url(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}
