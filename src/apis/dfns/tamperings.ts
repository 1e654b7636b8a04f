import type { Tamperings } from "../../fuzz/tamper.js";

/**
 * The tamperings of a signed request that the Dfns case format's `userAction` names, each with
 * the refusal the signing documents give (the shipped cases that exercise them, 21–26): a token
 * bound to another method, path or payload, a signature that does not verify, or one from a
 * credential the caller lacks, or no token at all (the required header dropped) → 403 "signature
 * missing or invalid"; a token already spent → 400.
 */
export const DFNS_TAMPERINGS: Tamperings = {
  payload: { status: 403, detail: "user action signed over another payload" },
  path: { status: 403, detail: "user action signed for another path" },
  method: { status: 403, detail: "user action signed for another method" },
  signature: { status: 403, detail: "user action signature altered" },
  credential: { status: 403, detail: "user action signed by a credential the caller does not have" },
  reuse: { status: 400, detail: "user action token already spent on the same request", replay: true },
  none: { status: 403, detail: "the X-DFNS-USERACTION header dropped" },
};
