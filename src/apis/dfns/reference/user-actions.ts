import { sha256Base64Url } from "../../../encoding/digest.js";
import { randomBytes } from "../../../encoding/random.js";
import type { components } from "../../../generated/dfns.js";
import { fromBase64Url, toBase64Url, utf8Text } from "../../../encoding/base64.js";
import { verifyClientData } from "../public-keys.js";
import { BoundedRegistry, type RegistryLimits } from "./bounded-registry.js";
import type { Credential } from "./fixtures.js";

type Challenge = components["schemas"]["UserActionChallenge"];
type SignatureRequest = components["schemas"]["UserActionSignatureRequest"];

/** The request a user action is about: what was signed, and what is later presented. */
export interface SignedRequest {
  method: string;
  path: string;
  payload: string;
}

export type Refusal = { ok: false; status: 400 | 401 | 403 | 429; message: string };

export const MESSAGES = {
  signatureInvalid: "user action signature is missing or invalid",
  // The reference's own hint (wording, not a vendor field): WebCrypto signs ECDSA as r‖s.
  signatureNotDer:
    "user action signature is missing or invalid: the ECDSA signature is 64 raw bytes (IEEE P1363, what WebCrypto's sign returns); encode it as DER (createWebCryptoSigner does)",
  reused: "user action has already been used",
  challengeInvalid: "Challenge token is not valid.",
  noCredential: "User does not have a credential that can be used for the application.",
} as const;

/**
 * How many challenges and user action tokens the reference remembers. A caller holding its
 * maximum forgets its oldest when it asks for one more (that challenge or token then answers as
 * invalid); the total across callers is refused with 429 once reached. Expired ones are swept on
 * every issue, oldest first, so issuing is O(1) however many are pending.
 */
export const USER_ACTION_LIMITS = {
  challenges: { perOwner: 1_000, total: 10_000, whenOwnerFull: "forget-oldest" },
  tokens: { perOwner: 1_000, total: 10_000, whenOwnerFull: "forget-oldest" },
} as const satisfies Record<string, RegistryLimits>;

/** What a challenge or a token is bound to: a digest of the signed request, never the request itself. */
interface PendingChallenge {
  challenge: string;
  requestDigest: string;
  expiresAt: number;
}

interface PendingToken {
  requestDigest: string;
  expiresAt: number;
  used: boolean;
}

/**
 * The server side of user action signing. A challenge is single-use and expires; the token it
 * yields is single-use, expires, and is bound to the caller and the signed method, path and body.
 */
export function createUserActionService(options: { now: () => number; ttlMs: number; credentialsOf: (userId: string) => Credential[] }) {
  const challenges = new BoundedRegistry<PendingChallenge>(USER_ACTION_LIMITS.challenges, options.ttlMs);
  // A spent or expired token is remembered one more lifetime, so that reusing it says so (400).
  const tokens = new BoundedRegistry<PendingToken>(USER_ACTION_LIMITS.tokens, 2 * options.ttlMs);
  const random = () => toBase64Url(randomBytes(32));
  const full = (what: string, total: number): Refusal => ({ ok: false, status: 429, message: `Too many pending ${what}: the reference server holds at most ${total}; retry later` });

  return {
    /** How many challenges await a signature and how many user action tokens await use (the admin state). */
    pending(): { challenges: number; userActions: number } {
      const at = options.now();
      return {
        challenges: challenges.values(at).length,
        userActions: tokens.values(at).filter((pending) => !pending.used && pending.expiresAt > at).length,
      };
    },
    /** Forgets every challenge and token (the admin reset). */
    clear(): void {
      challenges.clear();
      tokens.clear();
    },
    async issueChallenge(callerId: string, request: SignedRequest, rpId: string): Promise<{ ok: true; challenge: Challenge } | Refusal> {
      const keys = options.credentialsOf(callerId);
      if (keys.length === 0) return { ok: false, status: 401, message: MESSAGES.noCredential };
      const digest = await requestDigest(request);
      const at = options.now();
      const challenge = random();
      const challengeIdentifier = random();
      const added = challenges.add(challengeIdentifier, callerId, { challenge, requestDigest: digest, expiresAt: at + options.ttlMs }, at);
      if (!added.ok) return full("challenges", challenges.limits.total);
      return {
        ok: true,
        challenge: {
          challenge,
          challengeIdentifier,
          supportedCredentialKinds: [{ kind: "Key", factor: "first", requiresSecondFactor: false }],
          userVerification: "required",
          attestation: "direct",
          allowCredentials: { key: keys.map((key) => ({ type: "public-key", id: key.credId })), webauthn: [] },
          externalAuthenticationUrl: "",
          rp: { id: rpId, name: "archive-kit Dfns reference" },
        },
      };
    },

    async sign(callerId: string, body: SignatureRequest): Promise<{ ok: true; userAction: string } | Refusal> {
      const at = options.now();
      const found = challenges.get(body.challengeIdentifier, at);
      if (!found || found.owner !== callerId) return { ok: false, status: 400, message: MESSAGES.challengeInvalid };
      const pending = found.value;
      // Single-use: whatever the signature, the challenge is spent.
      challenges.delete(body.challengeIdentifier);
      // The reference holds Key credentials only: a password, a TOTP code or any second factor is
      // one it cannot verify, so it is refused like an invalid signature (403), never a 5xx.
      const { firstFactor, secondFactor } = body;
      if (firstFactor.kind !== "Key" || !("credentialAssertion" in firstFactor) || secondFactor !== undefined) {
        return { ok: false, status: 403, message: MESSAGES.signatureInvalid };
      }
      const assertion = firstFactor.credentialAssertion;
      const credential = options.credentialsOf(callerId).find((key) => key.credId === assertion.credId);
      if (!credential) return { ok: false, status: 403, message: MESSAGES.signatureInvalid };
      const verdict = await signsChallenge(credential, assertion, pending.challenge);
      if (verdict !== "valid") return { ok: false, status: 403, message: verdict === "p1363" ? MESSAGES.signatureNotDer : MESSAGES.signatureInvalid };
      const userAction = random();
      const added = tokens.add(userAction, callerId, { requestDigest: pending.requestDigest, expiresAt: at + options.ttlMs, used: false }, at);
      if (!added.ok) return full("user action tokens", tokens.limits.total);
      return { ok: true, userAction };
    },

    /** Spends a token on a request; a token is spent by its first presentation, matching or not. */
    async redeem(callerId: string, token: string | undefined, request: SignedRequest): Promise<{ ok: true } | Refusal> {
      // Hashed before the token is looked at: from here on nothing awaits, so two presentations
      // of one token at once cannot both find it unused.
      const digest = await requestDigest(request);
      const at = options.now();
      const found = token ? tokens.get(token, at) : undefined;
      if (!found) return { ok: false, status: 403, message: MESSAGES.signatureInvalid };
      const pending = found.value;
      if (pending.used) return { ok: false, status: 400, message: MESSAGES.reused };
      pending.used = true;
      const matches = found.owner === callerId && pending.expiresAt > at && pending.requestDigest === digest;
      return matches ? { ok: true } : { ok: false, status: 403, message: MESSAGES.signatureInvalid };
    },
  };
}

/** Whether the assertion signs this challenge; "p1363" when an ECDSA signature is raw r‖s (WebCrypto's form) rather than DER. */
async function signsChallenge(credential: Credential, assertion: { clientData: string; signature: string }, challenge: string): Promise<"valid" | "invalid" | "p1363"> {
  const clientData = fromBase64Url(assertion.clientData);
  let parsed: { type?: unknown; challenge?: unknown };
  try {
    parsed = JSON.parse(utf8Text(clientData)) as typeof parsed;
  } catch {
    return "invalid";
  }
  if (parsed?.type !== "key.get" || parsed.challenge !== challenge) return "invalid";
  const signature = fromBase64Url(assertion.signature);
  if (await verifyClientData(credential.publicKey, clientData, signature)) return "valid";
  const ecdsa = credential.publicKey.algorithm.startsWith("ECDSA");
  return ecdsa && signature.length === 64 && signature[0] !== 0x30 ? "p1363" : "invalid";
}

/**
 * A digest of the method, path and body a user action is about, so that a pending one costs the
 * same whatever the size of its body. Bodies must match exactly, except that a bodiless DELETE
 * may be signed as "" or "{}" (the SDKs differ): both digest alike.
 */
function requestDigest(request: SignedRequest): Promise<string> {
  const bodiless = request.method === "DELETE" && (request.payload === "" || request.payload === "{}");
  return sha256Base64Url(JSON.stringify([request.method, request.path, bodiless ? "" : request.payload]));
}
