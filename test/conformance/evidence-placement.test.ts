/**
 * Evidence at the right place (issue 14, item 4), over HTTP: a run of the shipped cases through a
 * proxy that breaks one answer reports the fault where it is, with the value as it was sent, and
 * says whether the expected value was the documents' or the case's own.
 */
import { describe, expect, it } from "vitest";
import type { ApiName } from "../../src/apis/shipped-apis.js";
import type { CaseResult } from "../../src/conformance/types.js";
import { runConformance } from "../../src/wiring.js";
import { jsonOf, passThrough, pathOf, withJson, type Mutation } from "../../src/testing/mutating-proxy.js";
import { withReferenceBehindProxy } from "../helpers/reference-behind-proxy.js";
import { referenceSetup } from "../helpers/reference-setup.js";

const BIG = "7324372795538888229";
const FROM_CASE = "Value differs from the one the case set up or sent";
const DOCUMENTED = "Value differs from the documented one";

/** One shipped case run against the reference seen through `mutation`. */
async function runCase(api: ApiName, id: string, mutation: Mutation): Promise<CaseResult> {
  const result = await withReferenceBehindProxy(api, mutation, async (baseUrl) => runConformance({ api, baseUrl, ids: [id], ...(await referenceSetup(api)) }));
  expect(result.cases.map((testCase) => testCase.id)).toEqual([id]);
  return result.cases[0]!;
}

const failuresOf = (testCase: CaseResult) => testCase.steps.flatMap((step) => step.failures);

/** The answer to a view by e-mail: four users of the reference's list, the last one's user_id a number beyond 2^53 in the text. */
const listWithBigUserId: Mutation = async (request, forward) => {
  const response = await forward(request);
  if (request.method !== "GET" || !new URL(request.url, "http://proxy.invalid").searchParams.has("email")) return response;
  const everyone = jsonOf(await forward({ ...request, url: "/users" }));
  const users = [...everyone.users.slice(0, 3), { ...everyone.users[0], user_id: "BIG" }];
  const body = JSON.stringify({ ...jsonOf(response), total_count: 4, users }).replace('"user_id":"BIG"', `"user_id":${BIG}`);
  return { ...response, body };
};

const onArchive =
  (change: (body: Record<string, unknown>) => Record<string, unknown>): Mutation =>
  async (request, forward) => {
    const response = await forward(request);
    return request.method === "DELETE" && response.status === 200 && /^\/(auth\/)?users\//.test(pathOf(request)) ? withJson(response, change(jsonOf(response))) : response;
  };

describe("evidence at the right place", () => {
  it("a user.list with one bad nested user is reported at that user's field, its number as sent", async () => {
    const testCase = await runCase("intercom", "intercom/view-by-email-no-match", listWithBigUserId);
    const schema = failuresOf(testCase).filter((failure) => failure.check === "response-schema");
    expect(schema).toEqual([{ check: "response-schema", title: "Response violates schema", where: "/users/3/user_id", received: BIG, expected: "string,null" }]);
    // The literal values of the case are still the documents' word.
    expect(failuresOf(testCase)).toContainEqual({ check: "documented-values", title: DOCUMENTED, where: "/total_count", received: "4", expected: "0" });
  });

  it.each<[ApiName, string, Record<string, unknown>, Array<{ title: string; where: string }>]>([
    ["intercom", "intercom/archive-by-id", { id: "5321a20f72cdbb4192000013", name: "Wash" }, [{ title: FROM_CASE, where: "/id" }, { title: DOCUMENTED, where: "/name" }]],
    ["dfns", "dfns/archive", { userId: "us-someone-else", kind: "EndUser" }, [{ title: FROM_CASE, where: "/userId" }, { title: DOCUMENTED, where: "/kind" }]],
  ])("%s: a value the case's setup created is worded as the case's own, a documented one as documented", async (api, id, changes, wanted) => {
    const testCase = await runCase(api, id, onArchive((body) => ({ ...body, ...changes })));
    const values = failuresOf(testCase).filter((failure) => failure.check === "documented-values");
    expect(values.map(({ title, where }) => ({ title, where }))).toEqual(wanted);
  });

  it.each<[ApiName, string]>([
    ["intercom", "intercom/view-by-email-no-match"],
    ["intercom", "intercom/archive-by-id"],
    ["dfns", "dfns/archive"],
  ])("%s: the reference itself passes %s", async (api, id) => {
    expect((await runCase(api, id, passThrough)).status).toBe("passed");
  });
});
