import { constants, sign, type KeyObject } from "node:crypto";
import { UserError } from "../../errors.js";
import type { KeyAlgorithm } from "./key-types.js";

// The signing half, for Node; the reference verifies without node:crypto (public-keys.ts).

/** The scheme a key (private or public) signs with. */
export function keyAlgorithm(key: KeyObject): KeyAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === "ed25519") return "Ed25519";
  if (type === "rsa") return "RSA-PKCS1-SHA256";
  if (type === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === "prime256v1") return "ECDSA-P256";
    if (curve === "secp256k1") return "ECDSA-secp256k1";
    throw new UserError(`Dfns key: EC curve ${curve} is not supported — use P-256 or secp256k1`);
  }
  throw new UserError(`Dfns key: ${type ?? "unknown"} keys are not supported — use an EC P-256/secp256k1, Ed25519 or RSA key`);
}

/** ECDSA signs SHA-256 with DER signatures, RSA PKCS#1 v1.5 SHA-256, Ed25519 the raw bytes. */
function schemeOptions(algorithm: KeyAlgorithm, key: KeyObject) {
  switch (algorithm) {
    case "Ed25519":
      return { digest: null, key };
    case "RSA-PKCS1-SHA256":
      return { digest: "sha256", key: { key, padding: constants.RSA_PKCS1_PADDING } };
    default:
      return { digest: "sha256", key: { key, dsaEncoding: "der" as const } };
  }
}

export function signClientData(algorithm: KeyAlgorithm, privateKey: KeyObject, data: Uint8Array): Buffer {
  const scheme = schemeOptions(algorithm, privateKey);
  return sign(scheme.digest, data, scheme.key);
}

