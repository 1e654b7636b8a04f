/**
 * The browser-safe part of archive-kit (`archive-kit/client`): the typed clients, the contracts'
 * generated types and the WebCrypto signer. Nothing here imports a `node:*` module or uses
 * `Buffer`, so a bundler targeting the browser takes it as is; the Node key signer
 * (`createKeySigner`) is in the package's main entry.
 */
export { createIntercomClient, type IntercomClient, type IntercomClientOptions } from "./apis/intercom/client.js";
export { createDfnsClient, type DfnsClient, type DfnsClientOptions } from "./apis/dfns/client.js";
export { createWebCryptoSigner, type WebCryptoPrivateKey, type WebCryptoSignerOptions } from "./apis/dfns/webcrypto-signer.js";
export type { DfnsSigner, SignedFactor, UserActionChallenge } from "./apis/dfns/signing.js";
export type { paths as IntercomPaths, components as IntercomComponents } from "./generated/intercom.js";
export type { paths as DfnsPaths, components as DfnsComponents } from "./generated/dfns.js";
