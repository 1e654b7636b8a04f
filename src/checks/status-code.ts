import { documentedStatuses, isDocumented } from "./documented-statuses.js";
import { notApplicable, outcome, type Check } from "./types.js";

/** The status is the one the case expects, or (lenient) one the operation documents. */
export const statusCode: Check = {
  name: "status-code",
  run({ exchange, expect, operation, requested }) {
    if (requested.length > 0) return notApplicable(`the status is judged by ${requested.join(", ")}`);
    const { status } = exchange.response;
    const expected = expect.status ?? "documented";
    if (expected === "documented") {
      if (!operation) return notApplicable("no documented operation");
      if (isDocumented(operation, status)) return outcome([]);
      return outcome([
        { check: "status-code", title: "Undocumented HTTP status code", message: `Received: ${status} / Documented: ${documentedStatuses(operation).join(", ")}`, where: "status" },
      ]);
    }
    const allowed = Array.isArray(expected) ? expected : [expected];
    if (allowed.includes(status)) return outcome([]);
    return outcome([{ check: "status-code", title: "Unexpected HTTP status code", message: `Received: ${status} / Expected: ${allowed.join(" or ")}`, where: "status" }]);
  },
};
