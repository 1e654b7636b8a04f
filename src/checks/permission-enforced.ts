import { semanticStatusCheck } from "./semantic-status.js";

/** A caller without a required permission is refused as documented (APIs with per-caller permissions). */
export const permissionEnforced = semanticStatusCheck("Caller without the required permission was not refused as documented");
