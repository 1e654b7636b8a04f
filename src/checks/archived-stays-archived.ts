import { semanticStatusCheck } from "./semantic-status.js";

/** After an archive, the user is not served as if it were still there. */
export const archivedStaysArchived = semanticStatusCheck("archived-stays-archived", "Archived user is still served");
