import { semanticStatusCheck } from "./semantic-status.js";

/** A caller without a required permission is refused as documented (Dfns). */
export const permissionEnforced = semanticStatusCheck("Caller without the required permission was not refused as documented");
