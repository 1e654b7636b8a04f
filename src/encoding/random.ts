/** `length` random bytes from the platform's CSPRNG (WebCrypto: Node and browsers alike). */
export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}
