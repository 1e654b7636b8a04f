import { findResponse } from "../contract/index.js";
import { notApplicable, outcome, type Check } from "./types.js";

const MOST_ISSUES = 5;

export const responseSchema: Check = {
  name: "response-schema",
  run({ exchange, operation, contract }) {
    const { status, headers, json, text } = exchange.response;
    if (!operation || !findResponse(operation, status)) return notApplicable("the status is not documented");
    const validate = contract.validators.responseBody(operation, status, headers["content-type"] ?? "application/json");
    if (!validate) return notApplicable("no schema for this response");
    if (json === undefined) {
      return outcome([{ check: "response-schema", title: "Response is not JSON", message: `Received: ${JSON.stringify(text.slice(0, 80))} / Documented: a JSON body`, where: "body" }]);
    }
    const result = validate(json);
    if (result.valid) return outcome([]);
    return outcome(
      result.issues.slice(0, MOST_ISSUES).map((issue) => ({
        check: "response-schema",
        title: "Response violates schema",
        message: `${issue.pointer} ${issue.message}`,
        where: issue.pointer,
      })),
    );
  },
};
