import { describe, expect, it } from "vitest";
import { shownValueAt } from "../../src/contract/index.js";

/** A received body as the runner holds it: the text that came, and what JSON.parse made of it. */
const received = (text: string) => ({ text, json: JSON.parse(text) as unknown });

const BIG = "7324372795538888229";

describe("shownValueAt shows a body's values as the text wrote them", () => {
  it.each<[string, { text: string; pointer: string; want: string }]>([
    ["an integer beyond 2^53, not rounded", { text: `{"user_id": ${BIG}}`, pointer: "/user_id", want: BIG }],
    ["the same integer deep in an array", { text: `{"users": [{}, {}, {}, {"user_id": ${BIG}}]}`, pointer: "/users/3/user_id", want: BIG }],
    ["a number's own spelling (1.50, 1e3, -0)", { text: '{"a": [1.50, 1e3, -0]}', pointer: "/a", want: "[1.50,1e3,-0]" }],
    ["an object compacted, its nested big number kept", { text: `{ "owner" : { "id" : ${BIG} ,\n "n" : null } }`, pointer: "/owner", want: `{"id":${BIG},"n":null}` }],
    ["the whole body for the root pointer", { text: ` [ ${BIG} ] `, pointer: "/", want: `[${BIG}]` }],
    ["the last of a repeated key, as JSON.parse keeps", { text: '{"id": 1, "id": 2}', pointer: "/id", want: "2" }],
    ["strings re-escaped as JSON.stringify writes them", { text: '{"s": "\\u00e9\\/ \\"q\\" { ]"}', pointer: "/s", want: '"é/ \\"q\\" { ]"' }],
    ["a key holding / and ~ (escaped in the pointer)", { text: '{"a/b": {"c~d": true}}', pointer: "/a~1b/c~0d", want: "true" }],
    ["a member after strings holding brackets and quotes", { text: '{"x": "}]\\"", "y": [{"z": "["}], "w": 5}', pointer: "/w", want: "5" }],
    ["an absent member", { text: '{"a": 1}', pointer: "/b", want: "absent" }],
    ["an index past the end", { text: "[1, 2]", pointer: "/2", want: "absent" }],
    ["a member of a number", { text: '{"a": 1}', pointer: "/a/b", want: "absent" }],
  ])("%s", (_what, { text, pointer, want }) => {
    expect(shownValueAt(received(text), pointer)).toBe(want);
  });

  it("shows what JSON.stringify would for a body without its text (a server's own response)", () => {
    expect(shownValueAt({ json: { id: 5 } }, "/id")).toBe("5");
    expect(shownValueAt({ json: { id: 5 } }, "/name")).toBe("absent");
  });

  it("is absent for a body that is not JSON", () => {
    expect(shownValueAt({ text: "<html>", json: undefined }, "/")).toBe("absent");
  });

  it("cuts a long value at the length asked, with an ellipsis", () => {
    const text = JSON.stringify({ list: Array.from({ length: 50 }, (_, i) => i) });
    const shown = shownValueAt(received(text), "/list", 20);
    expect(shown).toBe("[0,1,2,3,4,5,6,7,8,…");
    expect(shown).toHaveLength(20);
  });
});
