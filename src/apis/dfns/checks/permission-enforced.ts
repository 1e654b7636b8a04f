import { semanticStatusCheck } from "../../../checks/semantic-status.js";

/** A caller without a required permission is refused as documented. */
export const permissionEnforced = semanticStatusCheck("Caller without the required permission was not refused as documented");
