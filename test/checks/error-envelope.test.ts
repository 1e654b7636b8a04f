import { describe, expect, it } from "vitest";
import { errorEnvelope } from "../../src/checks/error-envelope.js";
import { exchange, JSON_TYPE, RATE_LIMIT, shipped } from "./helpers.js";

const intercom = await shipped("intercom");
const dfns = await shipped("dfns");

const failure = (received: string) => ({
  title: "Error body is not the API's error envelope",
  received,
  expected: "the documented error envelope",
  where: "body",
});

describe("error-envelope, Intercom (ErrorList)", () => {
  it.each([
    [400, "archiveUserByQuery", "missingParameter"],
    [400, "archiveUserByQuery", "invalidVersion"],
    [401, "archiveUserById", "unauthorized"],
    [404, "archiveUserById", "notFound"],
    [406, "archiveUserById", "notAcceptable"],
    [409, "archiveUserByQuery", "conflict"],
    [429, "archiveUserById", "rateLimited"],
  ])("passes the documented %i (%s, %s)", (status, operation, name) => {
    const json = intercom.responseExample(operation, String(status), name);
    const context = intercom.context({ operation, exchange: exchange({ status, headers: { ...RATE_LIMIT, ...JSON_TYPE }, json }) });
    expect(errorEnvelope.run(context)).toEqual({ applies: true, failures: [] });
  });

  it.each([
    ["another 4xx (documented by the 4XX range)", 418, "archiveUserById"],
    ["a 5xx", 503, "archiveUserById"],
    ["no documented operation", 405, undefined],
  ])("passes the envelope on %s", (_what, status, operation) => {
    const context = intercom.context({ operation, exchange: exchange({ status, json: { type: "error.list", request_id: null, errors: [{ code: "server_error" }] } }) });
    expect(errorEnvelope.run(context)).toEqual({ applies: true, failures: [] });
  });

  it.each([
    ["an HTML page", "<html><body><h1>404 Not Found</h1></body></html>", '"<html><body><h1>404 Not Found</h1></body></html>"'],
    ["an empty body", "", '""'],
    ["a long text, cut at 80 characters", `${"e".repeat(80)}TAIL`, `"${"e".repeat(80)}"`],
  ])("fails %s on a 404", (_what, text, shown) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status: 404, headers: { "content-type": "text/html" }, text }) });
    expect(errorEnvelope.run(context)).toEqual({ applies: true, failures: [failure(shown)] });
  });

  it.each<[string, unknown, string]>([
    ['{"message":"x"}', { message: "x" }, "/type is required but missing; /errors is required but missing"],
    ["an empty error list", { type: "error.list", request_id: null, errors: [] }, "/errors must NOT have fewer than 1 items"],
    ["an error without code", { type: "error.list", request_id: "r", errors: [{ message: "x" }] }, "/errors/0/code is required but missing"],
    ["a different envelope type", { type: "error", request_id: null, errors: [{ code: "not_found" }] }, '/type must be "error.list"'],
    ["a JSON array", [{ code: "not_found" }], "/ must be object"],
    ["JSON null", null, "/ must be object"],
  ])("fails %s on a 404", (_what, json, issues) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status: 404, headers: { ...RATE_LIMIT, ...JSON_TYPE }, json }) });
    expect(errorEnvelope.run(context)).toEqual({ applies: true, failures: [failure(issues)] });
  });

  it.each([200, 201, 204, 301, 304, 399])("does not apply to a %i", (status) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status, text: "<html>not JSON</html>" }) });
    expect(errorEnvelope.run(context)).toEqual({ applies: false, reason: "not an error" });
  });
});

describe("error-envelope, Dfns (ErrorResponse)", () => {
  it.each([
    [401, "seedEra"],
    [403, "missingPermission"],
    [403, "userActionInvalid"],
    [404, "notFound"],
    [422, "archived"],
    [500, "internal"],
  ])("passes the documented %i (%s)", (status, name) => {
    const json = dfns.responseExample("archiveUser", String(status), name);
    const context = dfns.context({ operation: "archiveUser", exchange: exchange({ status, headers: { "content-type": "application/json" }, json }) });
    expect(errorEnvelope.run(context)).toEqual({ applies: true, failures: [] });
  });

  it("passes a later-era envelope with id, status and details", () => {
    const json = { error: { message: "User not found", id: "abc", status: 404, details: { userId: "us-x" } } };
    expect(errorEnvelope.run(dfns.context({ operation: "archiveUser", exchange: exchange({ status: 404, json }) }))).toEqual({ applies: true, failures: [] });
  });

  it("passes a body with only a top-level message, which the SDK reads too", () => {
    const context = dfns.context({ operation: "archiveUser", exchange: exchange({ status: 404, headers: { "content-type": "application/json" }, json: { message: "x" } }) });
    expect(errorEnvelope.run(context)).toEqual({ applies: true, failures: [] });
  });

  const neither = "/message is required but missing; / must match a schema in anyOf";
  it.each<[string, unknown, string]>([
    ["Intercom's envelope", { type: "error.list", request_id: null, errors: [{ code: "not_found" }] }, `/error is required but missing; ${neither}`],
    // The body took the `error` branch: the other branch's missing `message` is not its fault.
    ["an empty message", { error: { message: "" } }, "/error/message must NOT have fewer than 1 characters"],
    ["a string error", { error: "Not Found" }, `/error must be object; ${neither}`],
  ])("fails %s", (_what, json, issues) => {
    const context = dfns.context({ operation: "archiveUser", exchange: exchange({ status: 404, headers: { "content-type": "application/json" }, json }) });
    expect(errorEnvelope.run(context)).toEqual({ applies: true, failures: [failure(issues)] });
  });
});
