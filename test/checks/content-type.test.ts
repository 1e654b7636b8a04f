import { describe, expect, it } from "vitest";
import { contentType } from "../../src/checks/content-type.js";
import { exchange, RATE_LIMIT, shipped } from "./helpers.js";

const intercom = await shipped("intercom");
const dfns = await shipped("dfns");

const joe = intercom.example("ArchivedJoeExample");
const notFound = intercom.responseExample("archiveUserById", "404", "notFound");

describe("content-type", () => {
  it.each([
    ["application/json", 200, joe],
    ["application/json; charset=utf-8", 200, joe],
    ["Application/JSON;charset=UTF-8", 200, joe],
    ["application/json", 404, notFound],
  ])("passes %s on a documented %i", (type, status, json) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status, headers: { ...RATE_LIMIT, "content-type": type }, json }) });
    expect(contentType.run(context)).toEqual({ applies: true, failures: [] });
  });

  it("passes the documented Dfns archive response", () => {
    const context = dfns.context({
      operation: "archiveUser",
      exchange: exchange({ status: 200, headers: { "content-type": "application/json" }, json: dfns.responseExample("archiveUser", "200", "seed") }),
    });
    expect(contentType.run(context)).toEqual({ applies: true, failures: [] });
  });

  it.each([
    ["text/html", 200, "<html><body>archived</body></html>"],
    ["text/html; charset=utf-8", 404, "<h1>Not Found</h1>"],
    ["text/plain", 401, "Unauthorized"],
    ["application/problem+json", 404, JSON.stringify({ title: "Not Found" })],
    ["application/jsonp", 200, JSON.stringify(joe)],
  ])("fails %s on a documented %i", (type, status, text) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status, headers: { ...RATE_LIMIT, "content-type": type }, text }) });
    expect(contentType.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Undocumented Content-Type", where: "header Content-Type", received: type, expected: "application/json" }],
    });
  });

  it.each([
    ["no Content-Type header", {}],
    ["an empty Content-Type header", { "content-type": "" }],
  ])("fails a body with %s", (_what, headers) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status: 200, headers: { ...RATE_LIMIT, ...headers }, json: joe }) });
    expect(contentType.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Missing Content-Type header", where: "header Content-Type", received: "no Content-Type", expected: "application/json" }],
    });
  });

  it("fails a Dfns refusal in text/plain", () => {
    const context = dfns.context({ operation: "archiveUser", exchange: exchange({ status: 403, headers: { "content-type": "text/plain" }, text: "Forbidden" }) });
    expect(contentType.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Undocumented Content-Type", where: "header Content-Type", received: "text/plain", expected: "application/json" }],
    });
  });

  it.each([
    ["an undocumented status", "archiveUserById", 302],
    ["a 2xx the operation does not document", "archiveUserById", 202],
  ])("does not apply to %s", (_what, operation, status) => {
    const context = intercom.context({ operation, exchange: exchange({ status, headers: { "content-type": "text/html" }, text: "<html>teapot</html>" }) });
    expect(contentType.run(context)).toEqual({ applies: false, reason: "the response documents no body" });
  });

  it("does not apply without a documented operation", () => {
    const context = intercom.context({ exchange: exchange({ status: 404, method: "PATCH", headers: { "content-type": "text/html" }, text: "<html>nope</html>" }) });
    expect(contentType.run(context)).toEqual({ applies: false, reason: "the response documents no body" });
  });

  it("does not apply to an empty body, whatever its Content-Type", () => {
    for (const headers of [{}, { "content-type": "text/html" }] as Record<string, string>[]) {
      const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status: 200, headers: { ...RATE_LIMIT, ...headers }, text: "" }) });
      expect(contentType.run(context)).toEqual({ applies: false, reason: "the response has no body" });
    }
  });
});
