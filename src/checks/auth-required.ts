import { semanticStatusCheck } from "./semantic-status.js";

/** Missing or wrong credentials get the documented 401. */
export const authRequired = semanticStatusCheck("Request without valid credentials was not refused as documented");
