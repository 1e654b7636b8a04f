import { schemaConformance } from "../contract/index.js";
import { fromJudgement, observed, type Check } from "./types.js";

/** A documented response's body is JSON and valid against its schema. */
export const responseSchema: Check = {
  run: ({ exchange, operation, contract }) => fromJudgement(schemaConformance(contract, operation, observed(exchange.response))),
};
