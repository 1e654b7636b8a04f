/**
 * The documented user_id is "25", a string of digits. A clone that answers all-digit user_ids as
 * numbers passed every case before the all-digit cases were added (issue 14, item 6).
 */
import { describe, expect, it } from "vitest";
import { runConformance } from "../../src/wiring.js";
import { jsonOf, withJson, type Mutation } from "../../src/testing/mutating-proxy.js";
import { referenceSetup } from "../helpers/reference-setup.js";
import { withReferenceBehindProxy } from "../helpers/reference-behind-proxy.js";

/** Every all-digit user_id in an answer (a user, or the users of a list) turned into a number. */
const numericUserIds: Mutation = async (request, forward) => {
  const response = await forward(request);
  const body = jsonOf(response);
  const numeric = (user: Record<string, unknown>) => (typeof user.user_id === "string" && /^\d+$/.test(user.user_id) ? { ...user, user_id: Number(user.user_id) } : user);
  if (body?.type === "user") return withJson(response, numeric(body));
  if (body?.type === "user.list") return withJson(response, { ...body, users: body.users.map(numeric) });
  return response;
};

describe("all-digit user_ids", () => {
  it("a clone answering them as numbers fails the all-digit cases", async () => {
    const result = await withReferenceBehindProxy("intercom", numericUserIds, async (baseUrl) => runConformance({ api: "intercom", baseUrl, ...(await referenceSetup("intercom")) }));
    const failed = result.cases.filter((testCase) => testCase.status === "failed").map((testCase) => testCase.id);
    expect(failed).toEqual(expect.arrayContaining(["intercom/archive-by-numeric-user-id", "intercom/view-by-numeric-user-id"]));
    const view = result.cases.find((testCase) => testCase.id === "intercom/view-by-numeric-user-id")!;
    expect(view.reason).toMatch(/^setup: .*\/user_id/);
  });

  it("the reference, which keeps them as strings, passes them", async () => {
    const result = await withReferenceBehindProxy("intercom", (request, forward) => forward(request), async (baseUrl) =>
      runConformance({ api: "intercom", baseUrl, ids: ["intercom/archive-by-numeric-user-id", "intercom/view-by-numeric-user-id"], ...(await referenceSetup("intercom")) }),
    );
    expect(result.cases.map((testCase) => [testCase.id, testCase.status])).toEqual([
      ["intercom/archive-by-numeric-user-id", "passed"],
      ["intercom/view-by-numeric-user-id", "passed"],
    ]);
  });
});
