import type { components } from "../../generated/dfns.js";

export type UserActionChallenge = components["schemas"]["UserActionChallenge"];
export type SignedFactor = components["schemas"]["SignedFactor"];

/** Signs user action challenges (the client side of Dfns user action signing). */
export interface DfnsSigner {
  readonly credId: string;
  sign(challenge: UserActionChallenge): Promise<SignedFactor>;
}

/** The client data a `Key` credential signs for a challenge: `{"type":"key.get","challenge":…}` as UTF-8. */
export function clientDataOf(challenge: UserActionChallenge): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ type: "key.get", challenge: challenge.challenge }));
}
