import { describe, expect, it } from "vitest";
import { contentType } from "../../src/checks/content-type.js";
import { responseProblems } from "../../src/reference/response-check.js";
import { exchange, RATE_LIMIT, shipped } from "./helpers.js";

const intercom = await shipped("intercom");
const joe = intercom.example("ArchivedJoeExample");
const operation = intercom.operation("archiveUserById");

// The reference server's self-check and the checks judge a response with one core (src/contract/response-conformance.ts).
describe("one response-conformance core, seen from both sides", () => {
  it("a body without Content-Type fails the content-type check", () => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status: 200, headers: { ...RATE_LIMIT }, json: joe }) });
    expect(contentType.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Missing Content-Type header", where: "header Content-Type", received: "no Content-Type", expected: "application/json" }],
    });
  });

  it("a body without Content-Type is a problem of the reference server's own response", () => {
    const headers = { "X-RateLimit-Limit": "500", "X-RateLimit-Remaining": "499", "X-RateLimit-Reset": "1460985201" };
    expect(responseProblems(intercom.contract, operation, { status: 200, headers, body: joe })).toEqual([
      "header Content-Type — Missing Content-Type header: Received: no Content-Type / Expected: application/json",
    ]);
    expect(responseProblems(intercom.contract, operation, { status: 200, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" }, body: joe })).toEqual([]);
  });

  it("the reference self-check names status, header and schema problems as the checks do", () => {
    const headers = { "content-type": "application/json", "x-ratelimit-limit": "500", "x-ratelimit-remaining": "499", "x-ratelimit-reset": "soon" };
    expect(responseProblems(intercom.contract, operation, { status: 200, headers, body: { ...(joe as object), id: 5714 } })).toEqual([
      "header X-RateLimit-Reset — Invalid header value: Received: \"soon\" / Expected: integer",
      "/id — Response violates schema: Received: 5714 / Expected: string",
    ]);
    expect(responseProblems(intercom.contract, operation, { status: 302, headers, body: {} })).toEqual([
      "status — Undocumented HTTP status code: Received: 302 / Expected: a documented status: 200, 400, 401, 404, 406, 429, 4XX, 5XX",
    ]);
  });
});
