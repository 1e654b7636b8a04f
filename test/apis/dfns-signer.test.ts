import { constants, generateKeyPairSync, verify, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeySigner, UserError } from "../../src/index.js";

const keyPairs: Array<[string, () => { privateKey: KeyObject; publicKey: KeyObject }]> = [
  ["ECDSA P-256", () => generateKeyPairSync("ec", { namedCurve: "P-256" })],
  ["ECDSA secp256k1", () => generateKeyPairSync("ec", { namedCurve: "secp256k1" })],
  ["Ed25519", () => generateKeyPairSync("ed25519")],
  ["RSA PKCS#1 v1.5", () => generateKeyPairSync("rsa", { modulusLength: 2048 })],
];

function verifies(label: string, publicKey: KeyObject, data: Buffer, signature: Buffer): boolean {
  if (label === "Ed25519") return verify(null, data, publicKey, signature);
  if (label.startsWith("RSA")) return verify("sha256", data, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
  return verify("sha256", data, { key: publicKey, dsaEncoding: "der" }, signature);
}

const challenge = {
  challenge: "Y2hhbGxlbmdlLTE",
  challengeIdentifier: "ci-1",
  supportedCredentialKinds: [{ kind: "Key" as const, factor: "first" as const, requiresSecondFactor: false }],
  userVerification: "required" as const,
  attestation: "direct" as const,
  allowCredentials: { key: [{ type: "public-key" as const, id: "cred-1" }], webauthn: [] },
  externalAuthenticationUrl: "",
};

describe.each(keyPairs)("the %s key signer", (label, generate) => {
  const { privateKey, publicKey } = generate();
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();

  it("produces a signature over its clientData that the public key verifies", async () => {
    const factor = await createKeySigner({ credId: "cred-1", privateKey: pem }).sign(challenge);
    expect(factor.kind).toBe("Key");
    expect(factor.credentialAssertion.credId).toBe("cred-1");
    const clientData = Buffer.from(factor.credentialAssertion.clientData, "base64url");
    const signature = Buffer.from(factor.credentialAssertion.signature, "base64url");
    expect(verifies(label, publicKey, clientData, signature)).toBe(true);
    expect(verifies(label, publicKey, Buffer.from(`${clientData.toString()} `), signature)).toBe(false);
  });

  it('encodes clientData as unpadded base64url of {"type": "key.get", "challenge": …}', async () => {
    const factor = await createKeySigner({ credId: "cred-1", privateKey }).sign(challenge);
    expect(factor.credentialAssertion.clientData).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(factor.credentialAssertion.clientData, "base64url").toString("utf8"))).toEqual({
      type: "key.get",
      challenge: challenge.challenge,
    });
  });
});

describe("keys the signer cannot use", () => {
  it.each([
    ["an unreadable PEM", "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----", /not a readable PEM private key/],
    ["an unsupported curve", generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey, /curve secp384r1 is not supported/],
    ["an unsupported key type", generateKeyPairSync("x25519").privateKey, /x25519 keys are not supported/],
  ])("%s is a UserError", (_what, privateKey, message) => {
    expect(() => createKeySigner({ credId: "c", privateKey })).toThrow(UserError);
    expect(() => createKeySigner({ credId: "c", privateKey })).toThrow(message);
  });
});
