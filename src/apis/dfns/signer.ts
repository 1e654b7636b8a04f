import { constants, createPrivateKey, sign, type KeyObject } from "node:crypto";
import type { components } from "../../generated/dfns.js";
import { UserError } from "../../errors.js";
import { toBase64Url } from "./base64url.js";

export type UserActionChallenge = components["schemas"]["UserActionChallenge"];
export type SignedFactor = components["schemas"]["SignedFactor"];

/** Signs user action challenges (the client side of Dfns user action signing). */
export interface DfnsSigner {
  readonly credId: string;
  sign(challenge: UserActionChallenge): Promise<SignedFactor>;
}

export interface KeySignerOptions {
  /** The base64url credential id registered for the caller. */
  credId: string;
  /** The credential's private key: PEM text or a KeyObject. */
  privateKey: string | KeyObject;
}

export type KeyAlgorithm = "ECDSA-P256" | "ECDSA-secp256k1" | "Ed25519" | "RSA-PKCS1-SHA256";

/**
 * A signer for a `Key` credential: ECDSA P-256 or secp256k1 (SHA-256, DER), Ed25519, or RSA
 * PKCS#1 v1.5 with SHA-256, chosen from the key itself.
 */
export function createKeySigner(options: KeySignerOptions): DfnsSigner {
  const key = typeof options.privateKey === "string" ? parsePrivateKey(options.privateKey) : options.privateKey;
  const algorithm = keyAlgorithm(key);
  return {
    credId: options.credId,
    async sign(challenge) {
      const clientData = Buffer.from(JSON.stringify({ type: "key.get", challenge: challenge.challenge }));
      return {
        kind: "Key",
        credentialAssertion: {
          credId: options.credId,
          clientData: toBase64Url(clientData),
          signature: toBase64Url(signClientData(algorithm, key, clientData)),
        },
      };
    },
  };
}

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

/** Signs with the algorithm's scheme; `verifyClientData` in the reference server is its mirror. */
export function signClientData(algorithm: KeyAlgorithm, key: KeyObject, data: Buffer): Buffer {
  switch (algorithm) {
    case "Ed25519":
      return sign(null, data, key);
    case "RSA-PKCS1-SHA256":
      return sign("sha256", data, { key, padding: constants.RSA_PKCS1_PADDING });
    default:
      return sign("sha256", data, { key, dsaEncoding: "der" });
  }
}

function parsePrivateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new UserError("Dfns private key: not a readable PEM private key — pass the PEM text of a PKCS#8, SEC1 or PKCS#1 key");
  }
}
