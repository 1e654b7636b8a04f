import { headersConformance } from "../contract/index.js";
import { fromJudgement, observed, type Check } from "./types.js";

/** Documented required headers are present, and every documented header's value matches its schema. */
export const responseHeaders: Check = {
  run: ({ exchange, operation, contract }) => fromJudgement(headersConformance(contract, operation, observed(exchange.response))),
};
