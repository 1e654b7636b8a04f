import { contentTypeConformance } from "../contract/index.js";
import { fromJudgement, observed, type Check } from "./types.js";

/** A body comes with a Content-Type its response documents; a body without one fails. */
export const contentType: Check = {
  run: ({ exchange, operation }) => fromJudgement(contentTypeConformance(operation, observed(exchange.response))),
};

