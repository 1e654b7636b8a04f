import { createPrivateKey, type KeyObject } from "node:crypto";
import { UserError } from "../../errors.js";
import { toBase64Url } from "../../encoding/base64.js";
import { keyAlgorithm, signClientData } from "./key-schemes.js";
import { clientDataOf, type DfnsSigner } from "./signing.js";

export type { DfnsSigner, SignedFactor, UserActionChallenge } from "./signing.js";

export interface KeySignerOptions {
  /** The base64url credential id registered for the caller. */
  credId: string;
  /** The credential's private key: PEM text or a KeyObject. */
  privateKey: string | KeyObject;
}

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
      const clientData = clientDataOf(challenge);
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

/** The KeyObject of a PEM private key; an unreadable one is a UserError saying which formats fit. */
export function parsePrivateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new UserError("Dfns private key: not a readable PEM private key — pass the PEM text of a PKCS#8, SEC1 or PKCS#1 key");
  }
}
