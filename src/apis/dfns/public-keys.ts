import type { webcrypto } from "node:crypto";
import { UserError } from "../../errors.js";
import { derToP1363 } from "./der.js";
import { keyAlgorithmOf, pemBlock, WEBCRYPTO_SCHEMES, type KeyAlgorithm } from "./key-types.js";

export type { KeyAlgorithm };

/** A credential's public key as the reference holds it: its SubjectPublicKeyInfo and scheme, read without `node:crypto`. */
export interface PublicKey {
  algorithm: KeyAlgorithm;
  spki: Uint8Array;
}

/** A PEM `PUBLIC KEY` (SubjectPublicKeyInfo) of a supported scheme; anything else is a UserError naming what fits. */
export function parsePublicKey(pem: string): PublicKey {
  const spki = pemBlock(pem, "PUBLIC KEY");
  if (!spki) throw new UserError("not a PEM public key — give a -----BEGIN PUBLIC KEY----- (SubjectPublicKeyInfo) block");
  return { algorithm: keyAlgorithmOf(spki), spki };
}

const imported = new WeakMap<Uint8Array, Promise<webcrypto.CryptoKey>>();

/**
 * Whether `signature` is the key's signature of `data`: ECDSA over SHA-256 with a DER signature,
 * Ed25519 over the bytes, RSA PKCS#1 v1.5 with SHA-256. WebCrypto verifies all but secp256k1,
 * which WebCrypto lacks (@noble/curves). A malformed signature is simply invalid.
 */
export async function verifyClientData(key: PublicKey, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  try {
    if (key.algorithm === "ECDSA-secp256k1") {
      // OpenSSL (Node's signer) does not normalise S: both halves of the curve order are valid.
      // Loaded on first use: most keys never need it, and it costs a start-up its evaluation.
      const { secp256k1 } = await import("@noble/curves/secp256k1.js");
      return secp256k1.verify(signature, data, secp256k1PublicKey(key.spki), { format: "der", lowS: false });
    }
    const scheme = WEBCRYPTO_SCHEMES[key.algorithm];
    let cryptoKey = imported.get(key.spki);
    if (!cryptoKey) {
      cryptoKey = globalThis.crypto.subtle.importKey("spki", key.spki, scheme.importAs, false, ["verify"]);
      imported.set(key.spki, cryptoKey);
    }
    const wire = key.algorithm === "ECDSA-P256" ? derToP1363(signature, 32) : signature;
    if (!wire) return false;
    return await globalThis.crypto.subtle.verify(scheme.verifyAs, await cryptoKey, wire, data);
  } catch {
    return false;
  }
}

/** The EC point of a secp256k1 SubjectPublicKeyInfo: the BIT STRING's bytes after its unused-bits octet, at the end. */
function secp256k1PublicKey(spki: Uint8Array): Uint8Array {
  const compressed = spki[spki.length - 33];
  const uncompressed = spki[spki.length - 65];
  if (uncompressed === 0x04) return spki.subarray(spki.length - 65);
  if (compressed === 0x02 || compressed === 0x03) return spki.subarray(spki.length - 33);
  throw new Error("no EC point");
}
