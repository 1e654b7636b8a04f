import { describe, expect, it } from "vitest";
import { responseHeaders } from "../../src/checks/response-headers.js";
import { exchange, JSON_TYPE, RATE_LIMIT, shipped } from "./helpers.js";

const intercom = await shipped("intercom");
const dfns = await shipped("dfns");

const joe = intercom.example("ArchivedJoeExample");
const unauthorized = intercom.responseExample("archiveUserById", "401", "unauthorized");
const CHALLENGE = { "www-authenticate": 'Basic realm="intercom.io"' };

const missing = (name: string, status: number) => ({ title: "Missing required header", where: `header ${name}`, received: "absent", expected: `present (required on ${status})` });
const invalid = (name: string, value: string, documented: string) => ({ title: "Invalid header value", where: `header ${name}`, received: JSON.stringify(value), expected: documented });

describe("response-headers", () => {
  it.each([
    ["a 200 with the rate-limit headers", "archiveUserById", 200, { ...RATE_LIMIT }, joe],
    ["a 401 with the challenge and the rate-limit headers", "archiveUserById", 401, { ...RATE_LIMIT, ...CHALLENGE }, unauthorized],
    ["a 200 with undocumented headers besides", "archiveUserByQuery", 200, { ...RATE_LIMIT, "x-request-id": "abc", "x-ratelimit-policy": "anything" }, joe],
    ["zero values", "viewUserById", 200, { "x-ratelimit-limit": "0", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "0" }, joe],
  ])("passes %s", (_what, operation, status, headers, json) => {
    const context = intercom.context({ operation, exchange: exchange({ status, headers: { ...JSON_TYPE, ...headers }, json }) });
    expect(responseHeaders.run(context)).toEqual({ applies: true, failures: [] });
  });

  it("passes a 401 without WWW-Authenticate and a 404 without rate-limit headers: Intercom may omit them", () => {
    const without401 = intercom.context({ operation: "archiveUserById", exchange: exchange({ status: 401, headers: { ...JSON_TYPE }, json: unauthorized }) });
    expect(responseHeaders.run(without401)).toEqual({ applies: true, failures: [] });
    const without404 = intercom.context({ operation: "archiveUserById", exchange: exchange({ status: 404, headers: { ...JSON_TYPE }, json: intercom.responseExample("archiveUserById", "404", "notFound") }) });
    expect(responseHeaders.run(without404)).toEqual({ applies: true, failures: [] });
  });

  it("fails a 401 with X-RateLimit-Limit: many", () => {
    const context = intercom.context({
      operation: "archiveUserById",
      exchange: exchange({ status: 401, headers: { ...JSON_TYPE, ...RATE_LIMIT, "x-ratelimit-limit": "many" }, json: unauthorized }),
    });
    expect(responseHeaders.run(context)).toEqual({ applies: true, failures: [invalid("X-RateLimit-Limit", "many", "integer")] });
  });

  it("fails every missing required header, in documented order", () => {
    // The shipped Intercom headers are optional: make them required on a copy of the operation.
    const documented = intercom.operation("archiveUserById");
    const notFound = documented.responses["404"]!;
    const required = Object.fromEntries(Object.entries(notFound.headers!).map(([name, header]) => [name, { ...(header as object), required: true }]));
    const operation = { ...documented, responses: { ...documented.responses, "404": { ...notFound, headers: required } } };
    const context = { ...intercom.context({ exchange: exchange({ status: 404, headers: { ...JSON_TYPE }, json: intercom.responseExample("archiveUserById", "404", "notFound") }) }), operation };
    expect(responseHeaders.run(context)).toEqual({
      applies: true,
      failures: [missing("X-RateLimit-Limit", 404), missing("X-RateLimit-Remaining", 404), missing("X-RateLimit-Reset", 404)],
    });
  });

  it.each([
    ["x-ratelimit-limit", "X-RateLimit-Limit", "many", "integer"],
    ["x-ratelimit-limit", "X-RateLimit-Limit", "1.5", "integer"],
    ["x-ratelimit-remaining", "X-RateLimit-Remaining", "-1", ">= 0"],
    ["x-ratelimit-reset", "X-RateLimit-Reset", "", "integer"],
  ])("fails %s: %j", (header, name, value, documented) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status: 200, headers: { ...JSON_TYPE, ...RATE_LIMIT, [header]: value }, json: joe }) });
    expect(responseHeaders.run(context)).toEqual({ applies: true, failures: [invalid(name, value, documented)] });
  });

  it("fails an empty WWW-Authenticate on a 401", () => {
    const context = intercom.context({
      operation: "archiveUserById",
      exchange: exchange({ status: 401, headers: { ...JSON_TYPE, ...RATE_LIMIT, "www-authenticate": "" }, json: unauthorized }),
    });
    expect(responseHeaders.run(context)).toEqual({ applies: true, failures: [invalid("WWW-Authenticate", "", "must NOT have fewer than 1 characters")] });
  });

  it("lets an optional documented header be absent, and still validates it when present", () => {
    // Make one header optional on a copy of the operation, whatever the shipped contract says.
    const documented = intercom.operation("archiveUserById");
    const ok = documented.responses["200"]!;
    const operation = {
      ...documented,
      responses: { ...documented.responses, "200": { ...ok, headers: { ...ok.headers, "X-RateLimit-Reset": { ...(ok.headers!["X-RateLimit-Reset"] as object), required: false } } } },
    };
    const run = (headers: Record<string, string>) =>
      responseHeaders.run({ ...intercom.context({ exchange: exchange({ status: 200, headers: { ...JSON_TYPE, ...headers }, json: joe }) }), operation });
    expect(run({ "x-ratelimit-limit": "500", "x-ratelimit-remaining": "499" })).toEqual({ applies: true, failures: [] });
    expect(run({ ...RATE_LIMIT, "x-ratelimit-reset": "soon" })).toEqual({ applies: true, failures: [invalid("X-RateLimit-Reset", "soon", "integer")] });
  });

  it.each([
    ["a response that documents no headers (Dfns archiveUser 200)", dfns, "archiveUser", 200],
    ["an undocumented status", intercom, "archiveUserById", 302],
  ])("does not apply to %s", (_what, api, operation, status) => {
    const context = api.context({ operation, exchange: exchange({ status, headers: { ...JSON_TYPE }, json: {} }) });
    expect(responseHeaders.run(context)).toEqual({ applies: false, reason: "the response documents no headers" });
  });

  it("does not apply without a documented operation", () => {
    const context = intercom.context({ exchange: exchange({ status: 200, headers: { "x-ratelimit-limit": "many" }, json: joe }) });
    expect(responseHeaders.run(context)).toEqual({ applies: false, reason: "the response documents no headers" });
  });
});
