import { describe, expect, it } from "vitest";
import { archivedStaysArchived } from "../../src/checks/archived-stays-archived.js";
import { authRequired } from "../../src/checks/auth-required.js";
import { permissionEnforced } from "../../src/apis/dfns/checks/permission-enforced.js";
import { createCheckRegistry, type Check } from "../../src/checks/index.js";
import { runChecks } from "../../src/conformance/run-step.js";
import { userActionRequired } from "../../src/apis/dfns/checks/user-action-required.js";
import type { Expect } from "../../src/conformance/types.js";
import { exchange, JSON_TYPE, RATE_LIMIT, shipped, type Api } from "./helpers.js";

const intercom = await shipped("intercom");
const dfns = await shipped("dfns");

interface SemanticCase {
  name: string;
  check: Check;
  title: string;
  api: Api;
  operation: string;
  /** What the case expects, and a refusal that satisfies it. */
  status: Expect["status"];
  refusal: number;
  /** The expected part of the failure message. */
  expected: string;
}

/** One row per semantic check, shaped like the shipped cases that ask for it. */
const SEMANTIC: SemanticCase[] = [
  {
    name: "auth-required",
    check: authRequired,
    title: "Request without valid credentials was not refused as documented",
    api: intercom,
    operation: "archiveUserByQuery",
    status: 401,
    refusal: 401,
    expected: "401",
  },
  {
    name: "user-action-required",
    check: userActionRequired,
    title: "Request without a valid user action signature was not refused as documented",
    api: dfns,
    operation: "archiveUser",
    status: 403,
    refusal: 403,
    expected: "403",
  },
  {
    name: "permission-enforced",
    check: permissionEnforced,
    title: "Caller without the required permission was not refused as documented",
    api: dfns,
    operation: "archiveUser",
    status: 403,
    refusal: 403,
    expected: "403",
  },
  {
    name: "archived-stays-archived",
    check: archivedStaysArchived,
    title: "Archived user is still served",
    api: intercom,
    operation: "viewUserById",
    status: 404,
    refusal: 404,
    expected: "404",
  },
  {
    name: "archived-stays-archived",
    check: archivedStaysArchived,
    title: "Archived user is still served",
    api: dfns,
    operation: "archiveUser",
    status: [404, 422],
    refusal: 422,
    expected: "404 or 422",
  },
];

const rows = SEMANTIC.map((row) => [`${row.name} (${row.operation}, expects ${JSON.stringify(row.status)})`, row] as const);

const refusalBody = (api: Api) =>
  api === intercom ? { type: "error.list", request_id: null, errors: [{ code: "unauthorized" }] } : { error: { message: "Not Authorized." } };

describe.each(rows)("%s", (_row, { name, check, title, api, operation, status, refusal, expected }) => {
  // Through the engine, with this check alone: it runs only on a step that requests it, and its failures carry its registered name.
  const run = (received: number, requested = [name]) =>
    runChecks(
      createCheckRegistry({ [name]: check }),
      api.context({ operation, expect: { status }, requested, exchange: exchange({ status: received, headers: { ...RATE_LIMIT, ...JSON_TYPE }, json: refusalBody(api) }) }),
    );

  it(`passes the refusal ${refusal}`, () => {
    expect(run(refusal)).toEqual({ failures: [], warnings: [], passed: [name] });
  });

  it("fails a 200 (the request was served)", () => {
    expect(run(200)).toEqual({ failures: [{ check: name, title, where: "status", received: "200", expected }], warnings: [], passed: [] });
  });

  it("fails another refusal than the one documented (a 400)", () => {
    expect(run(400)).toEqual({ failures: [{ check: name, title, where: "status", received: "400", expected }], warnings: [], passed: [] });
  });

  it("does not run when the step does not ask for it", () => {
    expect(run(200, [])).toEqual({ failures: [], warnings: [], passed: [] });
  });

  it("does not run when the step asks only for another check", () => {
    const other = name === "auth-required" ? "unsupported-method" : "auth-required";
    expect(run(200, [other])).toEqual({ failures: [], warnings: [], passed: [] });
  });
});

describe("semantic checks", () => {
  it("judge only the status: each requested one runs alone, beside the others the step asks for", () => {
    const context = intercom.context({
      operation: "archiveUserByQuery",
      expect: { status: 401 },
      requested: ["auth-required", "archived-stays-archived"],
      exchange: exchange({ status: 200, json: intercom.example("ArchivedJoeExample") }),
    });
    const semantic = createCheckRegistry({
      "auth-required": authRequired,
      "archived-stays-archived": archivedStaysArchived,
      "user-action-required": userActionRequired,
      "permission-enforced": permissionEnforced,
    });
    expect(runChecks(semantic, context)).toEqual({
      failures: [
        { check: "auth-required", title: "Request without valid credentials was not refused as documented", where: "status", received: "200", expected: "401" },
        { check: "archived-stays-archived", title: "Archived user is still served", where: "status", received: "200", expected: "401" },
      ],
      warnings: [],
      passed: [],
    });
  });
});
