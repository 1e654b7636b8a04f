import { describe, expect, it } from "vitest";
import { reportedIssues, type SchemaIssue } from "../../src/contract/index.js";
import type { SchemaObject } from "../../src/contract/types.js";
import { createAjv } from "../../src/contract/ajv.js";
import { createValidators } from "../../src/contract/validators.js";

const validators = createValidators("best-branch.test.yaml", createAjv);
const shown = (issues: SchemaIssue[]) => issues.map((issue) => `${issue.pointer} ${issue.message}`);

/** The issues a report shows, and all that the validator found (what request checks and generators rely on). */
function judge(schema: SchemaObject, value: unknown): { reported: string[]; all: string[] } {
  const result = validators.forSchema(schema)(value);
  if (result.valid) return { reported: [], all: [] };
  return { reported: shown(reportedIssues(result.issues)), all: shown(result.issues) };
}

const thing: SchemaObject = { type: "object", required: ["type", "id"], properties: { type: { const: "thing" }, id: { type: "string" } } };
const thingList: SchemaObject = { type: "object", required: ["type", "items"], properties: { type: { const: "thing.list" }, items: { type: "array", items: thing } } };

describe("oneOf/anyOf issues are reported against the branch that matched best", () => {
  it.each(["oneOf", "anyOf"] as const)("%s: a list with one bad item is reported at that item, not as the object branch's missing fields", (combinator) => {
    const list = { type: "thing.list", items: [{ type: "thing", id: "a" }, { type: "thing", id: 7 }] };
    const { reported, all } = judge({ [combinator]: [thing, thingList] }, list);
    expect(reported).toEqual(["/items/1/id must be string"]);
    // The validator itself still lists every branch's errors: only the report narrows.
    expect(all).toEqual(expect.arrayContaining(["/id is required but missing", '/type must be "thing"', "/items/1/id must be string"]));
  });

  it("the branch whose constant matched wins over one with fewer errors", () => {
    const wideThing: SchemaObject = { ...thing, required: ["type", "id", "name", "size"] };
    const { reported } = judge({ oneOf: [wideThing, thingList] }, { type: "thing", id: 1 });
    expect(reported).toEqual(["/name is required but missing", "/size is required but missing", "/id must be string"]);
  });

  it("a branch failing only deeper inside the value wins over one missing a field", () => {
    const envelope: SchemaObject = {
      anyOf: [
        { type: "object", required: ["error"], properties: { error: { type: "object", properties: { message: { type: "string", minLength: 1 } } } } },
        { type: "object", required: ["message"], properties: { message: { type: "string" } } },
      ],
    };
    expect(judge(envelope, { error: { message: "" } }).reported).toEqual(["/error/message must NOT have fewer than 1 characters"]);
  });

  it("branches nothing tells apart are all reported, with the alternative", () => {
    const either: SchemaObject = { anyOf: [{ type: "object", required: ["a"] }, { type: "object", required: ["b"] }] };
    expect(judge(either, {}).reported).toEqual(["/a is required but missing", "/b is required but missing", "/ must match a schema in anyOf"]);
    expect(judge({ oneOf: [thing, thingList] }, []).reported).toEqual(["/ must be object", "/ must match exactly one schema in oneOf"]);
  });

  it("a oneOf that several branches match is reported as such, without the others' errors", () => {
    const loose: SchemaObject = { oneOf: [{ type: "object" }, { type: "object", required: ["id"] }, { type: "string" }] };
    expect(judge(loose, { id: 1 }).reported).toEqual(["/ must match exactly one schema in oneOf"]);
  });

  it("nested combinators narrow inside out: the outer branch is ranked on its inner best branch", () => {
    const inner: SchemaObject = { oneOf: [{ type: "string" }, { type: "array", items: { type: "string", enum: ["usb", "nfc"] } }] };
    const outer: SchemaObject = { anyOf: [{ type: "object", required: ["transports"], properties: { transports: inner } }, { type: "string" }] };
    expect(judge(outer, { transports: ["usb", "fax"] }).reported).toEqual(['/transports/1 must be one of "usb", "nfc"']);
  });

  it("items of one array are narrowed each on its own", () => {
    const list: SchemaObject = { type: "array", items: { oneOf: [thing, thingList] } };
    const value = [{ type: "thing", id: 1 }, { type: "thing.list", items: [{ type: "thing", id: 2 }] }];
    expect(judge(list, value).reported).toEqual(["/0/id must be string", "/1/items/0/id must be string"]);
  });

  it("a value every branch accepts has no issues", () => {
    expect(judge({ oneOf: [thing, thingList] }, { type: "thing.list", items: [{ type: "thing", id: "a" }] })).toEqual({ reported: [], all: [] });
  });
});
