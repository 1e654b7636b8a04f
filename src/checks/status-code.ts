import { statusConformance } from "../contract/index.js";
import { fromJudgement, notApplicable, outcome, type Check } from "./types.js";

/** The status is the one the case expects, or (lenient) one the operation documents. */
export const statusCode: Check = {
  run({ exchange, expect, operation, requested }) {
    if (requested.length > 0) return notApplicable(`the status is judged by ${requested.join(", ")}`);
    const { status } = exchange.response;
    const expected = expect.status ?? "documented";
    if (expected === "documented") return fromJudgement(statusConformance(operation, status));
    const allowed = Array.isArray(expected) ? expected : [expected];
    if (allowed.includes(status)) return outcome([]);
    return outcome([{ title: "Unexpected HTTP status code", where: "status", received: String(status), expected: allowed.join(" or ") }]);
  },
};
