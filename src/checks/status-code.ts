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
    return outcome([{ title: "Unexpected HTTP status code", where: "status", received: String(status), expected: statusList(allowed) }]);
  },
};

/** "401 or 403 or 404"; three or more consecutive statuses as a range, "400 to 499", so a whole class stays one short line. */
function statusList(statuses: number[]): string {
  const runs: number[][] = [];
  for (const status of statuses) {
    const run = runs.at(-1);
    if (run && status === run.at(-1)! + 1) run.push(status);
    else runs.push([status]);
  }
  return runs.flatMap((run) => (run.length >= 3 ? [`${run[0]} to ${run.at(-1)}`] : run.map(String))).join(" or ");
}
