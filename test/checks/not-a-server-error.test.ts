import { describe, expect, it } from "vitest";
import { notAServerError } from "../../src/checks/not-a-server-error.js";
import { exchange, JSON_TYPE, RATE_LIMIT, shipped } from "./helpers.js";

const intercom = await shipped("intercom");
const dfns = await shipped("dfns");

describe("not-a-server-error", () => {
  it.each([200, 204, 301, 400, 401, 404, 418, 429, 499])("passes a %i", (status) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status, headers: { ...RATE_LIMIT, ...JSON_TYPE } }) });
    expect(notAServerError.run(context)).toEqual({ applies: true, failures: [] });
  });

  it("passes the documented archive response", () => {
    const context = intercom.context({
      operation: "archiveUserById",
      exchange: exchange({ status: 200, headers: { ...RATE_LIMIT, ...JSON_TYPE }, json: intercom.example("ArchivedJoeExample") }),
    });
    expect(notAServerError.run(context)).toEqual({ applies: true, failures: [] });
  });

  it.each([500, 502, 503, 504, 599])("fails a %i", (status) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status, text: "Service Unavailable" }) });
    expect(notAServerError.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Server error", where: "status", received: String(status), expected: "a documented answer, never a 5xx" }],
    });
  });

  it("fails a 5xx even where the contract documents it (Dfns archiveUser documents 500)", () => {
    const body = dfns.responseExample("archiveUser", "500", "internal");
    const context = dfns.context({ operation: "archiveUser", exchange: exchange({ status: 500, headers: { "content-type": "application/json" }, json: body }) });
    expect(body).toEqual({ error: { message: "Internal Server Error" } });
    expect(notAServerError.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Server error", where: "status", received: "500", expected: "a documented answer, never a 5xx" }],
    });
  });

  it("applies to a request that addressed no documented operation", () => {
    const context = intercom.context({ exchange: exchange({ status: 503, url: "http://localhost/nowhere" }) });
    expect(notAServerError.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Server error", where: "status", received: "503", expected: "a documented answer, never a 5xx" }],
    });
  });
});
