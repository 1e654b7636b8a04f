/**
 * Base64 and base64url without `Buffer`, so that the clients and the reference engine run in a
 * page as in Node. Decoding is as lenient as Node's: characters outside the alphabet are skipped,
 * so untrusted text never throws.
 */
const utf8 = new TextEncoder();

function bytesOf(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? utf8.encode(data) : data;
}

export function toBase64(data: Uint8Array | string): string {
  let binary = "";
  for (const byte of bytesOf(data)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function toBase64Url(data: Uint8Array | string): string {
  return toBase64(data).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The bytes of base64 or base64url text (either alphabet, padded or not). */
export function fromBase64(text: string): Uint8Array {
  let digits = text.replace(/-/g, "+").replace(/_/g, "/").replace(/[^A-Za-z0-9+/]/g, "");
  // A lone trailing digit carries fewer than 8 bits: Node drops it, so does this.
  if (digits.length % 4 === 1) digits = digits.slice(0, -1);
  const binary = atob(digits + "=".repeat((4 - (digits.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export const fromBase64Url = fromBase64;

/** UTF-8 text of bytes, malformed sequences replaced (as Buffer#toString does). */
export function utf8Text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
