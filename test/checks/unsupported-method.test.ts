import { describe, expect, it } from "vitest";
import { createCheckRegistry } from "../../src/checks/index.js";
import { runChecks } from "../../src/conformance/run-step.js";
import { unsupportedMethod } from "../../src/checks/unsupported-method.js";
import { exchange, JSON_TYPE, shipped } from "./helpers.js";

const intercom = await shipped("intercom");
const dfns = await shipped("dfns");

const WRONG_STATUS = (status: number) => ({ title: "Unsupported method not rejected with 405", where: "status", received: String(status), expected: "405" });
const NO_ALLOW = { title: "Missing Allow header on 405", where: "header Allow", received: "absent", expected: "the methods the path supports" };

const envelope = { type: "error.list", request_id: null, errors: [{ code: "not_found" }] };

/** PATCH /users/{id}: no operation matches, as in the shipped unsupported-method case. */
const patch = (status: number, headers: Record<string, string>) =>
  intercom.context({ expect: { status: 405 }, requested: ["unsupported-method"], exchange: exchange({ status, method: "PATCH", headers: { ...JSON_TYPE, ...headers }, json: envelope }) });

describe("unsupported-method", () => {
  it("fails a 405 whose Allow omits a documented method of the path", () => {
    expect(unsupportedMethod.run(patch(405, { allow: "GET" }))).toEqual({
      applies: true,
      failures: [{ title: "Allow header omits documented methods", where: "header Allow", received: "GET", expected: "GET, DELETE" }],
    });
  });

  it.each([
    ["the methods of the path", "GET, DELETE"],
    ["the methods of the path and more", "get, delete, head, options"],
  ])("passes a 405 with Allow listing %s", (_what, allow) => {
    expect(unsupportedMethod.run(patch(405, { allow }))).toEqual({ applies: true, failures: [] });
  });

  it("passes on Dfns as well", () => {
    const context = dfns.context({
      expect: { status: 405 },
      requested: ["unsupported-method"],
      exchange: exchange({ status: 405, method: "PATCH", url: "http://localhost/auth/users/us-em7bu-m6c48-hdqoobj7dj24pko", headers: { allow: "GET, DELETE" }, json: { error: { message: "Method Not Allowed" } } }),
    });
    expect(unsupportedMethod.run(context)).toEqual({ applies: true, failures: [] });
  });

  it.each([
    ["a 404 without Allow", 404, {}, [WRONG_STATUS(404), NO_ALLOW]],
    ["a 404 with Allow", 404, { allow: "GET, DELETE" }, [WRONG_STATUS(404)]],
    ["a 200 (the method was served)", 200, { allow: "GET, DELETE" }, [WRONG_STATUS(200)]],
    ["a 501 without Allow", 501, {}, [WRONG_STATUS(501), NO_ALLOW]],
    ["a 405 without Allow", 405, {}, [NO_ALLOW]],
    ["a 405 with an empty Allow", 405, { allow: "" }, [NO_ALLOW]],
  ])("fails %s", (_what, status, headers, failures) => {
    expect(unsupportedMethod.run(patch(status, headers))).toEqual({ applies: true, failures });
  });

  it.each([
    ["asks for no check", []],
    ["asks for another check", ["auth-required"]],
  ])("does not run when the step %s (the engine runs a semantic check only on request)", (_what, requested) => {
    const context = intercom.context({ requested, exchange: exchange({ status: 404, method: "PATCH", json: envelope }) });
    expect(runChecks(createCheckRegistry({ "unsupported-method": unsupportedMethod }), context)).toEqual({ failures: [], warnings: [], passed: [] });
  });

  it("fails when the contract documents no method at the path, rather than passing with nothing to compare", () => {
    const context = intercom.context({
      expect: { status: 405 },
      requested: ["unsupported-method"],
      exchange: exchange({ status: 405, method: "PATCH", url: "http://localhost/api/users/1", headers: { ...JSON_TYPE, allow: "PUT" }, json: envelope }),
    });
    expect(unsupportedMethod.run(context)).toEqual({
      applies: true,
      failures: [{ title: "No documented methods to compare Allow with", where: "header Allow", received: "PUT", expected: "a path the contract documents, not /api/users/1" }],
    });
  });
});
