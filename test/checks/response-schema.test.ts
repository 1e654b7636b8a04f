import { describe, expect, it } from "vitest";
import { responseSchema } from "../../src/checks/response-schema.js";
import { edited, exchange, JSON_TYPE, RATE_LIMIT, shipped } from "./helpers.js";

const intercom = await shipped("intercom");
const dfns = await shipped("dfns");

const joe = intercom.example("ArchivedJoeExample");
const violation = (pointer: string, received: string, expected: string) => ({ title: "Response violates schema", where: pointer, received, expected });

const answer = (status: number, json: unknown, headers: Record<string, string> = JSON_TYPE) => exchange({ status, headers: { ...RATE_LIMIT, ...headers }, json });

describe("response-schema", () => {
  it.each([
    ["the documented id archive (ArchivedJoeExample)", "archiveUserById", 200, joe],
    ["the documented e-mail archive (ArchivedJoeByEmailExample)", "archiveUserByQuery", 200, intercom.example("ArchivedJoeByEmailExample")],
    ["the user list by e-mail (JoeExampleList, oneOf)", "viewUsers", 200, intercom.example("JoeExampleList")],
    ["the empty user list (EmptyUserList, oneOf)", "viewUsers", 200, intercom.example("EmptyUserList")],
    ["the documented 404", "archiveUserById", 404, intercom.responseExample("archiveUserById", "404", "notFound")],
    ["the documented 401", "archiveUserById", 401, intercom.responseExample("archiveUserById", "401", "unauthorized")],
    ["the archived user with fields Intercom added later", "archiveUserById", 200, edited(joe, { browser_language: "en" })],
    ["the eight fields the document shows, the rest truncated", "archiveUserById", 200, { type: "user", id: "5714dd359a3fd47136000001", user_id: "25", anonymous: false, email: "email@example.com", phone: "555671243", name: "Joe Example", pseudonym: null }],
  ])("passes %s", (_what, operation, status, json) => {
    expect(responseSchema.run(intercom.context({ operation, exchange: answer(status, json) }))).toEqual({ applies: true, failures: [] });
  });

  it("passes the documented Dfns archive response", () => {
    const context = dfns.context({ operation: "archiveUser", exchange: exchange({ status: 200, headers: { "content-type": "application/json" }, json: dfns.responseExample("archiveUser", "200", "seed") }) });
    expect(responseSchema.run(context)).toEqual({ applies: true, failures: [] });
  });

  it("validates as application/json when the Content-Type header is missing", () => {
    expect(responseSchema.run(intercom.context({ operation: "archiveUserById", exchange: answer(200, joe, {}) }))).toEqual({ applies: true, failures: [] });
    expect(responseSchema.run(intercom.context({ operation: "archiveUserById", exchange: answer(200, edited(joe, { id: 5714 }), {}) }))).toEqual({
      applies: true,
      failures: [violation("/id", "5714", "string")],
    });
  });

  it('fails "id": 5714 and a missing type, at /type and /id', () => {
    const context = intercom.context({ operation: "archiveUserById", exchange: answer(200, edited(joe, { id: 5714 }, ["type"])) });
    expect(responseSchema.run(context)).toEqual({
      applies: true,
      failures: [violation("/type", "absent", "present (required)"), violation("/id", "5714", "string")],
    });
  });

  it.each([
    ["a wrong type constant", { type: "contact" }, [], [violation("/type", '"contact"', '"user"')]],
    ["a string for the boolean anonymous", { anonymous: "false" }, [], [violation("/anonymous", '"false"', "boolean")]],
    ["a negative session count", { session_count: -1 }, [], [violation("/session_count", "-1", ">= 0")]],
    ["a missing pseudonym (required, nullable)", {}, ["pseudonym"], [violation("/pseudonym", "absent", "present (required)")]],
    ["a custom attribute that is an object", { custom_attributes: { plan: { tier: 1 } } }, [], [violation("/custom_attributes/plan", '{"tier":1}', "string,number,boolean,null")]],
    ["a nested tag without id", { tags: { type: "tag.list", tags: [{ type: "tag" }] } }, [], [violation("/tags/tags/0/id", "absent", "present (required)")]],
    ["a custom attribute whose key holds / and ~ (pointer escaped)", { custom_attributes: { "plan/tier": [], "a~b": {} } }, [], [violation("/custom_attributes/plan~1tier", "[]", "string,number,boolean,null"), violation("/custom_attributes/a~0b", "{}", "string,number,boolean,null")]],
  ])("fails %s", (_what, changes, removed, failures) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: answer(200, edited(joe, changes, removed)) });
    expect(responseSchema.run(context)).toEqual({ applies: true, failures });
  });

  describe("a oneOf (viewUsers: a User or a user.list) is judged against the branch the body matched best", () => {
    const joeInList = intercom.example("JoeExampleList") as { users: unknown[] };
    const listOf = (users: unknown[]) => ({ ...joeInList, total_count: users.length, users });
    const view = (json: unknown) => responseSchema.run(intercom.context({ operation: "viewUsers", exchange: answer(200, json) }));

    it("a list with one bad nested user is reported at that user, not as the User branch's missing fields", () => {
      expect(view(listOf([joe, joe, joe, edited(joe, { user_id: 25 })]))).toEqual({ applies: true, failures: [violation("/users/3/user_id", "25", "string,null")] });
    });

    it("a user with a wrong field is reported at that field, not as the list branch's missing fields", () => {
      expect(view(edited(joe, { email: 5 }))).toEqual({ applies: true, failures: [violation("/email", "5", "string,null")] });
    });

    it("a body neither branch can be says so", () => {
      expect(view([joe])).toEqual({ applies: true, failures: [violation("/", expect.stringMatching(/^\[\{"type":"user",/), "object"), violation("/", expect.stringMatching(/^\[\{/), "must match exactly one schema in oneOf")] });
    });

    it("passes the same list with every user conforming", () => {
      expect(view(listOf([joe, joe, joe, joe]))).toEqual({ applies: true, failures: [] });
    });
  });

  describe("numbers are shown as they came on the wire", () => {
    const BIG = "7324372795538888229";
    const wire = (text: string) => exchange({ status: 200, headers: { ...RATE_LIMIT, ...JSON_TYPE }, text, json: JSON.parse(text) });

    it("an integer beyond 2^53 where a string belongs is received as sent, not rounded", () => {
      const text = JSON.stringify(edited(joe, { user_id: 0 })).replace('"user_id":0', `"user_id": ${BIG}`);
      expect(Number(BIG).toString()).not.toBe(BIG);
      expect(responseSchema.run(intercom.context({ operation: "archiveUserById", exchange: wire(text) }))).toEqual({ applies: true, failures: [violation("/user_id", BIG, "string,null")] });
    });

    it("passes the same integer where the schema takes one (owner_id)", () => {
      const text = JSON.stringify(edited(joe, { owner_id: 0 })).replace('"owner_id":0', `"owner_id": ${BIG}`);
      expect(responseSchema.run(intercom.context({ operation: "archiveUserById", exchange: wire(text) }))).toEqual({ applies: true, failures: [] });
    });
  });

  it("fails a 404 whose body is not the documented not_found envelope", () => {
    const context = intercom.context({ operation: "archiveUserById", exchange: answer(404, { type: "error.list", request_id: null, errors: [{ code: "user_not_found" }] }) });
    expect(responseSchema.run(context)).toEqual({ applies: true, failures: [violation("/errors/0/code", '"user_not_found"', '"not_found"')] });
  });

  it("reports at most five issues", () => {
    const json = { type: "u", id: 1, user_id: 2, email: 3, phone: 4, name: 5, pseudonym: 6, anonymous: "x" };
    const context = intercom.context({ operation: "archiveUserById", exchange: answer(200, json) });
    expect(responseSchema.run(context)).toEqual({
      applies: true,
      failures: [
        violation("/type", '"u"', '"user"'),
        violation("/id", "1", "string"),
        violation("/user_id", "2", "string,null"),
        violation("/email", "3", "string,null"),
        violation("/phone", "4", "string,null"),
      ],
    });
  });

  it.each([
    ["an HTML page", "<html><body>Archived</body></html>", '"<html><body>Archived</body></html>"'],
    ["an empty body", "", '""'],
    ["a long text, cut at 80 characters", `${"x".repeat(80)}TAIL`, `"${"x".repeat(80)}"`],
  ])("fails %s declared as JSON", (_what, text, shown) => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status: 200, headers: { ...RATE_LIMIT, ...JSON_TYPE }, text }) });
    expect(responseSchema.run(context)).toEqual({
      applies: true,
      failures: [{ title: "Response is not JSON", where: "body", received: shown, expected: "a JSON body" }],
    });
  });

  it.each([
    ["an undocumented status", "archiveUserById", 302],
    ["a 2xx the operation does not document", "archiveUserById", 202],
  ])("does not apply to %s", (_what, operation, status) => {
    const context = intercom.context({ operation, exchange: answer(status, { anything: true }) });
    expect(responseSchema.run(context)).toEqual({ applies: false, reason: "the status is not documented" });
  });

  it("does not apply without a documented operation", () => {
    const context = intercom.context({ exchange: answer(200, { anything: true }) });
    expect(responseSchema.run(context)).toEqual({ applies: false, reason: "the status is not documented" });
  });

  it("does not apply to a media type the response does not document (content-type judges it)", () => {
    const context = intercom.context({ operation: "archiveUserById", exchange: exchange({ status: 200, headers: { ...RATE_LIMIT, "content-type": "text/html" }, text: "<html></html>" }) });
    expect(responseSchema.run(context)).toEqual({ applies: false, reason: "no schema for this response" });
  });
});
