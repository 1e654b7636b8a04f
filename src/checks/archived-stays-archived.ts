import { semanticStatusCheck } from "./semantic-status.js";

/** After an archive, the user is not served as if it were still there. */
export const archivedStaysArchived = semanticStatusCheck("Archived user is still served");
