import { semanticStatusCheck } from "./semantic-status.js";

/** In a model sequence: the answer is what the documents say a user in that state gets (fuzz.model). */
export const documentedState = semanticStatusCheck("Answer contradicts the state the documents give the user");
