import { describe, expect, it } from "vitest";
import { statusCode } from "../../src/checks/status-code.js";
import type { Expect } from "../../src/conformance/types.js";
import { exchange, JSON_TYPE, RATE_LIMIT, shipped } from "./helpers.js";

const intercom = await shipped("intercom");
const dfns = await shipped("dfns");

const answer = (status: number) => exchange({ status, headers: { ...RATE_LIMIT, ...JSON_TYPE }, json: status === 200 ? intercom.example("ArchivedJoeExample") : undefined });

describe("status-code, a status the case states", () => {
  it.each<[string, Expect["status"], number]>([
    ["the one status", 200, 200],
    ["the first of several", [409, 400], 409],
    ["the second of several", [409, 400], 400],
    ["one of three", [200, 404, 406], 406],
  ])("passes %s", (_what, status, received) => {
    const context = intercom.context({ operation: "archiveUserByQuery", expect: { status }, exchange: answer(received) });
    expect(statusCode.run(context)).toEqual({ applies: true, failures: [] });
  });

  it.each<[string, Expect["status"], number, string]>([
    ["a 418 for 200", 200, 418, "200"],
    ["a documented 404 for 200 (the case is stricter than the contract)", 200, 404, "200"],
    ["a 404 for 409 or 400", [409, 400], 404, "409 or 400"],
    ["a 200 for one of three", [401, 403, 404], 200, "401 or 403 or 404"],
    ["a 500 for any 4xx (three or more in a row read as a range)", [400, ...Array.from({ length: 99 }, (_, i) => 401 + i)], 500, "400 to 499"],
    ["a 200 for 400 or 401, or 403 to 405", [400, 401, 403, 404, 405], 200, "400 or 401 or 403 to 405"],
  ])("fails %s", (_what, status, received, message) => {
    const context = intercom.context({ operation: "archiveUserByQuery", expect: { status }, exchange: answer(received) });
    expect(statusCode.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Unexpected HTTP status code", where: "status", received: String(received), expected: message }],
    });
  });

  it("judges a stated status even without a documented operation", () => {
    const context = intercom.context({ expect: { status: 405 }, exchange: exchange({ status: 404, method: "PATCH" }) });
    expect(statusCode.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Unexpected HTTP status code", where: "status", received: "404", expected: "405" }],
    });
  });
});

describe("status-code, any documented status", () => {
  it.each<[string, Expect["status"]]>([
    ["stated as 'documented'", "documented"],
    ["by default (no status stated)", undefined],
  ])("passes every status the operation documents, %s", (_what, status) => {
    for (const received of [200, 400, 401, 404, 406, 429]) {
      const context = intercom.context({ operation: "archiveUserById", expect: status === undefined ? {} : { status }, exchange: answer(received) });
      expect(statusCode.run(context), String(received)).toEqual({ applies: true, failures: [] });
    }
  });

  it.each<[string, Expect["status"], string, number, string]>([
    ["a 202 on archiveUserById", "documented", "archiveUserById", 202, "a documented status: 200, 400, 401, 404, 406, 429, 4XX, 5XX"],
    ["a 302, no status stated", undefined, "archiveUserById", 302, "a documented status: 200, 400, 401, 404, 406, 429, 4XX, 5XX"],
    ["a 201 on createOrUpdateUser", "documented", "createOrUpdateUser", 201, "a documented status: 200, 400, 401, 406, 409, 429, 4XX, 5XX"],
  ])("fails %s", (_what, status, operation, received, message) => {
    const context = intercom.context({ operation, expect: status === undefined ? {} : { status }, exchange: answer(received) });
    expect(statusCode.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Undocumented HTTP status code", where: "status", received: String(received), expected: message }],
    });
  });

  // Intercom's errors page: any request may answer other 4xx and 5xx (openapi/intercom.yaml 4XX, 5XX).
  it.each([409, 418, 422, 503])("passes a %i on archiveUserById, which documents every 4xx and 5xx", (received) => {
    const context = intercom.context({ operation: "archiveUserById", expect: { status: "documented" }, exchange: answer(received) });
    expect(statusCode.run(context)).toEqual({ applies: true, failures: [] });
  });

  it("passes a 5xx the operation documents (Dfns archiveUser 500; not-a-server-error judges it)", () => {
    const context = dfns.context({ operation: "archiveUser", expect: { status: "documented" }, exchange: exchange({ status: 500, json: { error: { message: "Internal Server Error" } } }) });
    expect(statusCode.run(context)).toEqual({ applies: true, failures: [] });
  });

  it("does not apply without a documented operation", () => {
    const context = intercom.context({ expect: { status: "documented" }, exchange: exchange({ status: 418, url: "http://localhost/nowhere" }) });
    expect(statusCode.run(context)).toEqual({ applies: false, reason: "no documented operation" });
  });
});

describe("status-code defers to the semantic checks a step asks for", () => {
  it.each<[string[], string]>([
    [["auth-required"], "the status is judged by auth-required"],
    [["archived-stays-archived"], "the status is judged by archived-stays-archived"],
    [["unsupported-method"], "the status is judged by unsupported-method"],
    [["user-action-required", "permission-enforced"], "the status is judged by user-action-required, permission-enforced"],
  ])("%j", (requested, reason) => {
    // Even a status that would fail here: the requested check owns the verdict.
    const context = intercom.context({ operation: "archiveUserById", expect: { status: 401 }, requested, exchange: answer(200) });
    expect(statusCode.run(context)).toEqual({ applies: false, reason });
  });
});
