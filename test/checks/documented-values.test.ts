import { describe, expect, it } from "vitest";
import { documentedValues } from "../../src/checks/documented-values.js";
import { fill, templatedPointers } from "../../src/conformance/template.js";
import type { Expect } from "../../src/conformance/types.js";
import { edited, exchange, JSON_TYPE, RATE_LIMIT, shipped } from "./helpers.js";

const intercom = await shipped("intercom");
const dfns = await shipped("dfns");

const joe = intercom.example("ArchivedJoeExample");
const notFound = intercom.responseExample("archiveUserById", "404", "notFound");

/** The values the shipped archive-by-id case states, bound to the documented user. */
const JOE_VALUES = { type: "user", id: "5714dd359a3fd47136000001", user_id: "25", email: "email@example.com", anonymous: false, name: "Joe Example", phone: "555671243", pseudonym: null };

const value = (pointer: string, received: string, expected: string) => ({
  title: "Value differs from the documented one",
  where: pointer,
  received,
  expected,
});
const header = (name: string, received: string, expected: string) => ({
  title: "Header differs from the documented one",
  where: `header ${name}`,
  received,
  expected,
});

const run = (expectations: Expect, status: number, json: unknown, headers: Record<string, string> = {}) =>
  documentedValues.run(intercom.context({ operation: "archiveUserById", expect: expectations, exchange: exchange({ status, headers: { ...RATE_LIMIT, ...JSON_TYPE, ...headers }, json }) }));

describe("documented-values, body values", () => {
  it.each<[string, Expect, number, unknown]>([
    ["the documented user's eight shown values", { status: 200, values: JOE_VALUES }, 200, joe],
    ["nested values (avatar.type)", { values: { avatar: { type: "avatar", image_url: null } } }, 200, joe],
    ["an array item's values (errors: [{ code: not_found }])", { status: 404, values: { type: "error.list", errors: [{ code: "not_found" }] } }, 404, notFound],
    ["an empty subset", { values: {} }, 200, joe],
  ])("passes %s", (_what, expectations, status, json) => {
    expect(run(expectations, status, json)).toEqual({ applies: true, failures: [] });
  });

  it("passes the Dfns archive case's values", () => {
    const seed = dfns.responseExample("archiveUser", "200", "seed");
    const values = { userId: "us-2mhcm-9r90a-92ran47bjpl60hmv", username: "MyNewUser@example.co", kind: "CustomerEmployee", orgId: "or-yanke-mars-6ulofamogg84s87v", isActive: false };
    const context = dfns.context({ operation: "archiveUser", expect: { status: 200, values }, exchange: exchange({ status: 200, json: seed }) });
    expect(documentedValues.run(context)).toEqual({ applies: true, failures: [] });
  });

  it("fails a different user_id", () => {
    expect(run({ values: JOE_VALUES }, 200, edited(joe, { user_id: "26" }))).toEqual({ applies: true, failures: [value("/user_id", '"26"', '"25"')] });
  });

  it("fails every differing value, in the order the case states them", () => {
    const received = edited(joe, { id: 5714, email: "EMAIL@example.com", anonymous: "false" }, ["pseudonym"]);
    expect(run({ values: JOE_VALUES }, 200, received)).toEqual({
      applies: true,
      failures: [
        value("/id", "5714", '"5714dd359a3fd47136000001"'),
        value("/email", '"EMAIL@example.com"', '"email@example.com"'),
        value("/anonymous", '"false"', "false"),
        value("/pseudonym", "absent", "null"),
      ],
    });
  });

  it.each<[string, unknown, ReturnType<typeof value>]>([
    ["another code in errors[0]", { type: "error.list", request_id: null, errors: [{ code: "user_not_found" }] }, value("/errors/0/code", '"user_not_found"', '"not_found"')],
    ["an empty errors list", { type: "error.list", request_id: null, errors: [] }, value("/errors/0", "absent", '{"code":"not_found"}')],
    ["no errors at all", { message: "x" }, value("/errors", "absent", '[{"code":"not_found"}]')],
    ["errors as an object", { type: "error.list", errors: { code: "not_found" } }, value("/errors", '{"code":"not_found"}', '[{"code":"not_found"}]')],
    ["an error that is a string", { type: "error.list", errors: ["not_found"] }, value("/errors/0", '"not_found"', '{"code":"not_found"}')],
  ])("fails nested array values: %s", (_what, json, failure) => {
    expect(run({ status: 404, values: { errors: [{ code: "not_found" }] } }, 404, json)).toEqual({ applies: true, failures: [failure] });
  });

  it("fails an object where the case states null, and null where it states an object", () => {
    const received = edited(joe, { pseudonym: { alias: "x" }, avatar: null });
    expect(run({ values: { pseudonym: null, avatar: { type: "avatar" } } }, 200, received)).toEqual({
      applies: true,
      failures: [value("/pseudonym", '{"alias":"x"}', "null"), value("/avatar", "null", '{"type":"avatar"}')],
    });
  });

  it("fails a body that is not JSON at the root", () => {
    const context = intercom.context({ operation: "archiveUserById", expect: { values: { type: "error.list" } }, exchange: exchange({ status: 404, headers: { "content-type": "text/html" }, text: "<html>Not Found</html>" }) });
    expect(documentedValues.run(context)).toEqual({ applies: true, failures: [value("/", "absent", '{"type":"error.list"}')] });
  });

  it("leaves received array items beyond the stated ones free (errors: [not_found] matches [not_found, other])", () => {
    const json = { type: "error.list", request_id: null, errors: [{ code: "not_found" }, { code: "other" }] };
    expect(run({ values: { errors: [{ code: "not_found" }] } }, 404, json)).toEqual({ applies: true, failures: [] });
  });
});

describe("documented-values, headers", () => {
  it.each<[string, Expect["headers"], Record<string, string>]>([
    ["a required header present", { "WWW-Authenticate": true }, { "www-authenticate": 'Basic realm="intercom.io"' }],
    ["a forbidden header absent", { "Set-Cookie": false }, {}],
    ["an exact value, the name in any case", { "x-ratelimit-LIMIT": "500" }, {}],
  ])("passes %s", (_what, headers, received) => {
    expect(run({ status: 401, headers }, 401, notFound, received)).toEqual({ applies: true, failures: [] });
  });

  it.each<[string, Expect["headers"], Record<string, string>, ReturnType<typeof header>]>([
    ["a missing WWW-Authenticate", { "WWW-Authenticate": true }, {}, header("WWW-Authenticate", "absent", "present")],
    ["a header that must be absent", { "Set-Cookie": false }, { "set-cookie": "session=1" }, header("Set-Cookie", '"session=1"', "absent")],
    ["a different value", { "X-RateLimit-Limit": "1000" }, {}, header("X-RateLimit-Limit", '"500"', '"1000"')],
    ["a missing header with a stated value", { "Retry-After": "60" }, {}, header("Retry-After", "absent", '"60"')],
  ])("fails %s", (_what, headers, received, failure) => {
    expect(run({ status: 401, headers }, 401, notFound, received)).toEqual({ applies: true, failures: [failure] });
  });

  it("reports header failures before value failures", () => {
    const expectations: Expect = { status: 401, values: { type: "error.list", errors: [{ code: "unauthorized" }] }, headers: { "WWW-Authenticate": true } };
    expect(run(expectations, 401, notFound)).toEqual({
      applies: true,
      failures: [header("WWW-Authenticate", "absent", "present"), value("/errors/0/code", '"not_found"', '"unauthorized"')],
    });
  });
});

describe("documented-values does not apply", () => {
  it.each<[string, Expect]>([
    ["when the case states nothing", {}],
    ["when the case states only a status", { status: 200 }],
    ["when the case states only a binding", { status: 200, bind: "user" }],
  ])("%s", (_what, expectations) => {
    expect(run(expectations, 200, edited(joe, { user_id: "26" }))).toEqual({ applies: false, reason: "the case states no values" });
  });
});

describe("documented-values pointers (BUG: keys are not escaped as RFC 6901 requires)", () => {
  // A custom attribute key holding "/" must appear as "~1" in the JSON pointer (as the schema
  // validators' pointers do); the check joins raw keys, so "/custom_attributes/plan/tier" is
  // reported, which names a different location.
  it("escapes / and ~ in the keys of the pointer it reports", () => {
    const received = edited(joe, { custom_attributes: { "plan/tier": "free", "a~b": 1 } });
    expect(run({ values: { custom_attributes: { "plan/tier": "pro", "a~b": 2 } } }, 200, received)).toEqual({
      applies: true,
      failures: [value("/custom_attributes/plan~1tier", '"free"', '"pro"'), value("/custom_attributes/a~0b", "1", "2")],
    });
  });
});

describe("documented-values with an empty expected array", () => {
  it("means none: a non-empty list fails, an empty one passes", async () => {
    const { documentedValues: check } = await import("../../src/checks/documented-values.js");
    const { shipped, exchange } = await import("./helpers.js");
    const intercom = await shipped("intercom");
    const run = (users: unknown[]) =>
      check.run(intercom.context({ expect: { values: { users: [] } }, exchange: exchange({ status: 200, json: { type: "user.list", users } }) }));
    expect(run([])).toEqual({ applies: true, failures: [] });
    expect(run([{ id: "1" }])).toEqual({
      applies: true,
      failures: [{ title: "Value differs from the documented one", where: "/users", received: '[{"id":"1"}]', expected: "[]" }],
    });
  });
});

describe("documented-values, examples (the warning tier)", () => {
  const warning = (pointer: string, received: string, expected: string) => ({ ...value(pointer, received, expected), title: "Value differs from the documented example" });

  it("reports a difference from an example as a warning, never a failure", () => {
    const expectations: Expect = { status: 404, values: { errors: [{ code: "not_found" }] }, examples: { values: { errors: [{ message: "User Not Found" }] } } };
    const reworded = { ...(notFound as object), errors: [{ code: "not_found", message: "No such user" }] };
    expect(run(expectations, 404, reworded)).toEqual({ applies: true, failures: [], warnings: [warning("/errors/0/message", '"No such user"', '"User Not Found"')] });
  });

  it("keeps the strict values strict beside the examples", () => {
    const expectations: Expect = { values: { errors: [{ code: "not_found" }] }, examples: { values: { errors: [{ message: "User Not Found" }] } } };
    const other = { ...(notFound as object), errors: [{ code: "gone", message: "User Not Found" }] };
    expect(run(expectations, 404, other)).toEqual({ applies: true, failures: [value("/errors/0/code", '"gone"', '"not_found"')] });
  });

  it("warns on a header the vendor may omit, and on examples chosen by status", () => {
    const expectations: Expect = { examples: { headers: { "X-RateLimit-Limit": true } }, byStatus: { "404": { examples: { values: { type: "error.list" } } } } };
    expect(run(expectations, 404, { type: "error.list", errors: [] }, {})).toEqual({ applies: true, failures: [] });
    const result = documentedValues.run(intercom.context({ operation: "archiveUserById", expect: expectations, exchange: exchange({ status: 404, headers: JSON_TYPE, json: { type: "list", errors: [] } }) }));
    expect(result).toEqual({
      applies: true,
      failures: [],
      warnings: [
        { ...header("X-RateLimit-Limit", "absent", "present"), title: "Header differs from the documented example" },
        warning("/type", '"list"', '"error.list"'),
      ],
    });
  });
});

describe("documented-values, values the case filled in from its variables", () => {
  const variables = { user: { id: "5714dd359a3fd47136000001", user_id: "ak-run-25", owner: { id: "o-1" } }, run: { id: "run" } };
  const fromCase = (pointer: string, received: string, expected: string) => ({ ...value(pointer, received, expected), title: "Value differs from the one the case set up or sent" });
  /** The check as a step runs it: the expectations filled, and where its templates were. */
  const runFilled = (expectations: Expect, json: unknown, status = 200) =>
    documentedValues.run({
      ...intercom.context({ operation: "archiveUserById", expect: fill(expectations, variables), exchange: exchange({ status, headers: { ...RATE_LIMIT, ...JSON_TYPE }, json }) }),
      filledFromVariables: templatedPointers(expectations),
    });

  it("words a templated value as the case's own, a literal one as documented", () => {
    const expectations: Expect = { values: { id: "{{ user.id }}", user_id: "{{ user.user_id }}", name: "Joe Example" } };
    expect(runFilled(expectations, edited(joe, { id: "5321a20f72cdbb4192000013", user_id: "ak-run-26", name: "Wash" }))).toEqual({
      applies: true,
      failures: [
        fromCase("/id", '"5321a20f72cdbb4192000013"', '"5714dd359a3fd47136000001"'),
        fromCase("/user_id", '"ak-run-26"', '"ak-run-25"'),
        value("/name", '"Wash"', '"Joe Example"'),
      ],
    });
  });

  it("passes when the filled values came back", () => {
    const expectations: Expect = { values: { id: "{{ user.id }}", user_id: "{{ user.user_id }}" } };
    expect(runFilled(expectations, edited(joe, { user_id: "ak-run-25" }))).toEqual({ applies: true, failures: [] });
  });

  it.each<[string, Expect, unknown, ReturnType<typeof value>]>([
    ["a template inside text", { values: { email: "ak-{{ run.id }}@example.com" } }, edited(joe, { email: "other@example.com" }), fromCase("/email", '"other@example.com"', '"ak-run@example.com"')],
    ["a value under a templated object", { values: { owner: "{{ user.owner }}" } }, edited(joe, { owner: { id: "o-2" } }), fromCase("/owner/id", '"o-2"', '"o-1"')],
    ["a value chosen by status", { byStatus: { "200": { values: { id: "{{ user.id }}" } } } }, edited(joe, { id: "x" }), fromCase("/id", '"x"', '"5714dd359a3fd47136000001"')],
  ])("words %s as the case's own", (_what, expectations, json, failure) => {
    expect(runFilled(expectations, json)).toEqual({ applies: true, failures: [failure] });
  });

  it("words a templated header as the case's own", () => {
    const expectations: Expect = { headers: { "X-RateLimit-Limit": "{{ run.id }}" } };
    expect(runFilled(expectations, joe)).toEqual({
      applies: true,
      failures: [{ ...header("X-RateLimit-Limit", '"500"', '"run"'), title: "Header differs from the one the case set up or sent" }],
    });
  });

  it("keeps a documented example's wording a documented example, whatever it fills in", () => {
    const expectations: Expect = { examples: { values: { errors: [{ message: "{{ user.id }} Not Found" }] } } };
    expect(runFilled(expectations, notFound, 404)).toEqual({
      applies: true,
      failures: [],
      warnings: [{ ...value("/errors/0/message", '"User Not Found"', '"5714dd359a3fd47136000001 Not Found"'), title: "Value differs from the documented example" }],
    });
  });
});

describe("documented-values shows received numbers as they came on the wire", () => {
  it("an integer beyond 2^53 is received as sent, not rounded", () => {
    const text = `{"type": "user", "id": "5714dd359a3fd47136000001", "session_count": 7324372795538888229}`;
    const context = intercom.context({ operation: "archiveUserById", expect: { values: { session_count: 1 } }, exchange: exchange({ status: 200, text, json: JSON.parse(text) }) });
    expect(documentedValues.run(context)).toEqual({ applies: true, failures: [value("/session_count", "7324372795538888229", "1")] });
  });
});
