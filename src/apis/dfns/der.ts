/**
 * ECDSA signatures in their two encodings: DER (an ASN.1 SEQUENCE of two INTEGERs, what Dfns and
 * Node's signer use) and IEEE P1363 (r‖s, fixed width, what WebCrypto produces and verifies).
 */

/** DER of a P1363 signature whose halves are `size` bytes each. */
export function p1363ToDer(signature: Uint8Array): Uint8Array {
  const size = signature.length / 2;
  const integer = (half: Uint8Array) => {
    let start = 0;
    while (start < half.length - 1 && half[start] === 0) start++;
    const trimmed = half.subarray(start);
    // A leading 1 bit would read as negative: prefix a zero byte.
    const bytes = trimmed[0]! & 0x80 ? [0, ...trimmed] : [...trimmed];
    return [0x02, bytes.length, ...bytes];
  };
  const body = [...integer(signature.subarray(0, size)), ...integer(signature.subarray(size))];
  return Uint8Array.from([0x30, body.length, ...body]);
}

/** The P1363 form of a DER signature with `size`-byte halves, or undefined when it is not strict DER of that size. */
export function derToP1363(der: Uint8Array, size: number): Uint8Array | undefined {
  if (der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const out = new Uint8Array(size * 2);
  let at = 2;
  for (const offset of [0, size]) {
    if (der[at] !== 0x02) return undefined;
    const length = der[at + 1]!;
    let value = der.subarray(at + 2, at + 2 + length);
    if (value.length !== length || length === 0) return undefined;
    if (value[0] === 0 && value.length > 1) value = value.subarray(1);
    if (value.length > size) return undefined;
    out.set(value, offset + size - value.length);
    at += 2 + length;
  }
  return at === der.length ? out : undefined;
}
