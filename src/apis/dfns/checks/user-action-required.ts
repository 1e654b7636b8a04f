import { semanticStatusCheck } from "../../../checks/semantic-status.js";

/** A missing, invalid, mismatched or reused user action signature is refused as documented. */
export const userActionRequired = semanticStatusCheck("Request without a valid user action signature was not refused as documented");
