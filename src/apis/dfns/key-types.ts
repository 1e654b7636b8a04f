import { fromBase64 } from "../../encoding/base64.js";
import { UserError } from "../../errors.js";

/** The signature schemes of Dfns `Key` credentials. */
export type KeyAlgorithm = "ECDSA-P256" | "ECDSA-secp256k1" | "Ed25519" | "RSA-PKCS1-SHA256";

// DER encodings of the OIDs that tell a key's type (and an EC key's curve), as SubjectPublicKeyInfo
// and PKCS#8 both carry them in their AlgorithmIdentifier.
const OIDS: Array<[KeyAlgorithm | "other-ec", number[]]> = [
  ["Ed25519", [0x06, 0x03, 0x2b, 0x65, 0x70]],
  ["RSA-PKCS1-SHA256", [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]],
  ["ECDSA-P256", [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]],
  ["ECDSA-secp256k1", [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a]],
  ["other-ec", [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]],
];

/** The DER bytes of a PEM block with this label (`PUBLIC KEY`, `PRIVATE KEY`), or undefined. */
export function pemBlock(pem: string, label: string): Uint8Array | undefined {
  const body = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem)?.[1];
  return body ? fromBase64(body) : undefined;
}

/** The scheme of a SubjectPublicKeyInfo or PKCS#8 key; an unsupported one is a UserError naming what fits. */
export function keyAlgorithmOf(der: Uint8Array): KeyAlgorithm {
  // The AlgorithmIdentifier sits in the first bytes; the key bits after it could hold any pattern.
  const header = der.subarray(0, 32);
  const algorithm = OIDS.find(([, oid]) => indexOf(header, oid) !== -1)?.[0];
  if (!algorithm) throw new UserError("unsupported key type — use an EC P-256/secp256k1, Ed25519 or RSA key");
  if (algorithm === "other-ec") throw new UserError("EC curve not supported — use P-256 or secp256k1");
  return algorithm;
}

function indexOf(bytes: Uint8Array, pattern: number[]): number {
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

/** How WebCrypto imports, signs and verifies each scheme it has (all but secp256k1). */
export const WEBCRYPTO_SCHEMES = {
  "ECDSA-P256": { importAs: { name: "ECDSA", namedCurve: "P-256" }, verifyAs: { name: "ECDSA", hash: "SHA-256" } },
  Ed25519: { importAs: { name: "Ed25519" }, verifyAs: { name: "Ed25519" } },
  "RSA-PKCS1-SHA256": { importAs: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, verifyAs: { name: "RSASSA-PKCS1-v1_5" } },
} as const;
