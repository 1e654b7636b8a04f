import { toBase64Url } from "../../encoding/base64.js";
import { p1363ToDer } from "./der.js";
import { keyAlgorithmOf, pemBlock, WEBCRYPTO_SCHEMES } from "./key-types.js";
import { clientDataOf, type DfnsSigner } from "./signing.js";

/** What the signer needs of a WebCrypto private key (a page's `CryptoKey` is one), typed without the DOM library. */
export interface WebCryptoPrivateKey {
  readonly type: string;
  readonly algorithm: { readonly name: string; readonly namedCurve?: string };
}

export interface WebCryptoSignerOptions {
  /** The base64url credential id registered for the caller. */
  credId: string;
  /**
   * An ECDSA P-256, Ed25519 or RSASSA-PKCS1-v1_5 (SHA-256) private `CryptoKey` with the "sign"
   * usage, or the PEM text of a PKCS#8 private key (`-----BEGIN PRIVATE KEY-----`) of one of them.
   */
  privateKey: WebCryptoPrivateKey | string;
}

type Scheme = (typeof WEBCRYPTO_SCHEMES)[keyof typeof WEBCRYPTO_SCHEMES];

/**
 * A Dfns `Key` credential signer on WebCrypto (`crypto.subtle`), for pages and any runtime without
 * `node:crypto`. ECDSA signatures come out of WebCrypto as r‖s (IEEE P1363); Dfns wants DER, so
 * they are re-encoded.
 */
export function createWebCryptoSigner(options: WebCryptoSignerOptions): DfnsSigner {
  const key = signingKey(options.privateKey);
  return {
    credId: options.credId,
    async sign(challenge) {
      const { cryptoKey, scheme } = await key;
      const clientData = clientDataOf(challenge);
      const raw = new Uint8Array(await globalThis.crypto.subtle.sign(scheme.verifyAs, cryptoKey as never, clientData));
      const signature = scheme.verifyAs.name === "ECDSA" ? p1363ToDer(raw) : raw;
      return { kind: "Key", credentialAssertion: { credId: options.credId, clientData: toBase64Url(clientData), signature: toBase64Url(signature) } };
    },
  };
}

async function signingKey(privateKey: WebCryptoPrivateKey | string): Promise<{ cryptoKey: WebCryptoPrivateKey; scheme: Scheme }> {
  if (typeof privateKey !== "string") {
    const { name, namedCurve } = privateKey.algorithm;
    const scheme = Object.values(WEBCRYPTO_SCHEMES).find((candidate) => candidate.importAs.name === name);
    if (privateKey.type !== "private" || !scheme || (name === "ECDSA" && namedCurve !== "P-256")) {
      throw new Error(`createWebCryptoSigner: a ${privateKey.type} ${name}${namedCurve ? ` ${namedCurve}` : ""} key cannot sign Dfns user actions — pass a private ECDSA P-256, Ed25519 or RSASSA-PKCS1-v1_5 key`);
    }
    return { cryptoKey: privateKey, scheme };
  }
  const pkcs8 = pemBlock(privateKey, "PRIVATE KEY");
  if (!pkcs8) throw new Error("createWebCryptoSigner: not a PKCS#8 PEM private key — pass -----BEGIN PRIVATE KEY----- text (openssl pkcs8 -topk8 -nocrypt converts others)");
  const algorithm = keyAlgorithmOf(pkcs8);
  if (algorithm === "ECDSA-secp256k1") throw new Error("createWebCryptoSigner: WebCrypto has no secp256k1 — sign with createKeySigner (Node) instead");
  const scheme = WEBCRYPTO_SCHEMES[algorithm];
  const cryptoKey = await globalThis.crypto.subtle.importKey("pkcs8", pkcs8, scheme.importAs, false, ["sign"]);
  return { cryptoKey, scheme };
}
