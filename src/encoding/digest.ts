import { sha256 } from "@noble/hashes/sha2.js";
import { toBase64Url } from "./base64.js";

/** SHA-256 of UTF-8 text as base64url, synchronously (WebCrypto's digest is async only). */
export function sha256Base64Url(text: string): string {
  return toBase64Url(sha256(new TextEncoder().encode(text)));
}

/** `length` random bytes from the platform's CSPRNG (WebCrypto: Node and browsers alike). */
export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}
