import type { SchemaObject } from "../../contract/types.js";
import type { CaseRequest } from "../../conformance/types.js";

const SIGNING_MODES = ["sign", "none", "reuse", "method", "path", "payload", "signature", "credential"] as const;
const NONCE_MODES = ["fresh", "invalid", "replay"] as const;

/** Dfns's fields of a case request, composed by the case loader into conformance/case.schema.json. */
export const DFNS_CASE_REQUEST_SCHEMA: SchemaObject = {
  type: "object",
  properties: {
    userAction: {
      description: "sign (default on signed operations), none, reuse (the token of the previous step), or a tampering: method, path, payload, signature, credential.",
      enum: [...SIGNING_MODES],
    },
    nonce: { description: "fresh, invalid, or replay (the previous step's).", enum: [...NONCE_MODES] },
    appId: { type: "boolean", description: "send the seed-era X-DFNS-APPID." },
  },
};

/** A case request as DFNS_CASE_REQUEST_SCHEMA lets a Dfns case write it. */
export type DfnsCaseRequest = CaseRequest & {
  userAction?: (typeof SIGNING_MODES)[number];
  nonce?: (typeof NONCE_MODES)[number];
  appId?: boolean;
};
