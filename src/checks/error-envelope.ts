import { formatIssues, reportedIssues } from "../contract/index.js";
import { notApplicable, outcome, type Check } from "./types.js";

/** Every error, documented status or not, comes in the API's own error envelope. */
export const errorEnvelope: Check = {
  run({ exchange, contract, errorSchema }) {
    const { status, json, text } = exchange.response;
    if (status < 400) return notApplicable("not an error");
    const result = contract.validators.forSchema(errorSchema)(json);
    if (json !== undefined && result.valid) return outcome([]);
    const received = json === undefined ? JSON.stringify(text.slice(0, 80)) : formatIssues(result.valid ? [] : reportedIssues(result.issues));
    return outcome([{ title: "Error body is not the API's error envelope", where: "body", received, expected: "the documented error envelope" }]);
  },
};
