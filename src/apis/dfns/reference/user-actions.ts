import { randomBytes } from "node:crypto";
import type { components } from "../../../generated/dfns.js";
import { fromBase64Url, toBase64Url } from "../base64url.js";
import { verifyClientData } from "../key-schemes.js";
import type { Credential } from "./fixtures.js";

type Challenge = components["schemas"]["UserActionChallenge"];
type SignatureRequest = components["schemas"]["UserActionSignatureRequest"];

/** The request a user action is about: what was signed, and what is later presented. */
export interface SignedRequest {
  method: string;
  path: string;
  payload: string;
}

export type Refusal = { ok: false; status: 400 | 401 | 403; message: string };

export const MESSAGES = {
  signatureInvalid: "user action signature is missing or invalid",
  reused: "user action has already been used",
  challengeInvalid: "Challenge token is not valid.",
  noCredential: "User does not have a credential that can be used for the application.",
} as const;

interface Pending extends SignedRequest {
  callerId: string;
  expiresAt: number;
  used: boolean;
}

/**
 * The server side of user action signing. A challenge is single-use and expires; the token it
 * yields is single-use, expires, and is bound to the caller and the signed method, path and body.
 */
export function createUserActionService(options: { now: () => number; ttlMs: number; credentialsOf: (userId: string) => Credential[] }) {
  const challenges = new Map<string, Pending & { challenge: string }>();
  const tokens = new Map<string, Pending>();
  const random = () => toBase64Url(randomBytes(32));

  const forgetExpired = (at: number) => {
    for (const [key, pending] of challenges) if (pending.expiresAt <= at) challenges.delete(key);
    for (const [key, pending] of tokens) if (pending.expiresAt <= at - options.ttlMs) tokens.delete(key);
  };

  return {
    /** How many challenges await a signature and how many user action tokens await use (the admin state). */
    pending(): { challenges: number; userActions: number } {
      forgetExpired(options.now());
      return {
        challenges: [...challenges.values()].filter((pending) => !pending.used).length,
        userActions: [...tokens.values()].filter((pending) => !pending.used && pending.expiresAt > options.now()).length,
      };
    },
    /** Forgets every challenge and token (the admin reset). */
    clear(): void {
      challenges.clear();
      tokens.clear();
    },
    issueChallenge(callerId: string, request: SignedRequest, rpId: string): { ok: true; challenge: Challenge } | Refusal {
      const keys = options.credentialsOf(callerId);
      if (keys.length === 0) return { ok: false, status: 401, message: MESSAGES.noCredential };
      const at = options.now();
      forgetExpired(at);
      const challenge = random();
      const challengeIdentifier = random();
      challenges.set(challengeIdentifier, { ...request, callerId, challenge, expiresAt: at + options.ttlMs, used: false });
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

    sign(callerId: string, body: SignatureRequest): { ok: true; userAction: string } | Refusal {
      const at = options.now();
      const pending = challenges.get(body.challengeIdentifier);
      if (!pending || pending.used || pending.expiresAt <= at || pending.callerId !== callerId) {
        return { ok: false, status: 400, message: MESSAGES.challengeInvalid };
      }
      pending.used = true;
      // The reference holds Key credentials only: a password, a TOTP code or any second factor is
      // one it cannot verify, so it is refused like an invalid signature (403), never a 5xx.
      const { firstFactor, secondFactor } = body;
      if (firstFactor.kind !== "Key" || !("credentialAssertion" in firstFactor) || secondFactor !== undefined) {
        return { ok: false, status: 403, message: MESSAGES.signatureInvalid };
      }
      const assertion = firstFactor.credentialAssertion;
      const credential = options.credentialsOf(callerId).find((key) => key.credId === assertion.credId);
      if (!credential || !signsChallenge(credential, assertion, pending.challenge)) {
        return { ok: false, status: 403, message: MESSAGES.signatureInvalid };
      }
      const userAction = random();
      tokens.set(userAction, { method: pending.method, path: pending.path, payload: pending.payload, callerId, expiresAt: at + options.ttlMs, used: false });
      return { ok: true, userAction };
    },

    /** Spends a token on a request; a token is spent by its first presentation, matching or not. */
    redeem(callerId: string, token: string | undefined, request: SignedRequest): { ok: true } | Refusal {
      const pending = token ? tokens.get(token) : undefined;
      if (!pending) return { ok: false, status: 403, message: MESSAGES.signatureInvalid };
      if (pending.used) return { ok: false, status: 400, message: MESSAGES.reused };
      pending.used = true;
      const matches =
        pending.callerId === callerId &&
        pending.expiresAt > options.now() &&
        pending.method === request.method &&
        pending.path === request.path &&
        samePayload(pending, request);
      return matches ? { ok: true } : { ok: false, status: 403, message: MESSAGES.signatureInvalid };
    },
  };
}

function signsChallenge(credential: Credential, assertion: { clientData: string; signature: string }, challenge: string): boolean {
  const clientData = fromBase64Url(assertion.clientData);
  let parsed: { type?: unknown; challenge?: unknown };
  try {
    parsed = JSON.parse(clientData.toString("utf8")) as typeof parsed;
  } catch {
    return false;
  }
  if (parsed?.type !== "key.get" || parsed.challenge !== challenge) return false;
  return verifyClientData(credential.algorithm, credential.publicKey, clientData, fromBase64Url(assertion.signature));
}

/** Bodies must match exactly, except that a bodiless DELETE may be signed as "" or "{}" (the SDKs differ). */
function samePayload(signed: SignedRequest, presented: SignedRequest): boolean {
  if (signed.payload === presented.payload) return true;
  const empty = (payload: string) => payload === "" || payload === "{}";
  return presented.method === "DELETE" && empty(signed.payload) && empty(presented.payload);
}
