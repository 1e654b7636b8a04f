import { readFile } from "node:fs/promises";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { API_NAMES, contractFile } from "../../src/apis/shipped-apis.js";
import { dereferenceInternal } from "../../src/contract/dereference.js";
import { loadContract } from "../../src/contract/index.js";
import { fromSharedGraph, toSharedGraph } from "../../src/contract/shared-graph.js";

/** Every object's first path, and each further path that reaches that same object: equal lists, equal sharing. */
function sharing(root: unknown): string[] {
  const first = new Map<object, string>();
  const lines: string[] = [];
  const walk = (value: unknown, pointer: string) => {
    if (typeof value !== "object" || value === null) return;
    const seen = first.get(value);
    if (seen !== undefined) return void lines.push(`${pointer} is ${seen}`);
    first.set(value, pointer);
    for (const [key, child] of Object.entries(value)) walk(child, `${pointer}/${key}`);
  };
  walk(root, "");
  return lines;
}

/** Written as the build writes it and read back as the loader reads it. */
const roundTrip = (value: object) => fromSharedGraph(JSON.parse(JSON.stringify(toSharedGraph(value))));

function cyclic() {
  const node: Record<string, unknown> = { name: "node" };
  node.self = node;
  const root = { node, list: [node, { inner: node }] };
  return root;
}

const shared = { type: "string", enum: ["a", "b"] };
const sharedList = [shared, { ref: shared }];

describe("a shared graph", () => {
  it.each([
    ["plain JSON", { a: 1, b: [true, null, "x"], c: { d: { e: 2 } } }],
    ["an object reached twice", { left: shared, right: { nested: shared } }],
    ["a shared array", { one: sharedList, two: sharedList, inside: { three: sharedList } }],
    ["cycles, through the root and through a node", (() => { const root = cyclic() as Record<string, unknown>; root.back = root; return root; })()],
    ["numeric-looking keys", { "200": shared, "10": { "2": shared }, a: [shared] }],
  ])("of %s reads back equal, with the same objects shared", (_, value) => {
    const copy = roundTrip(value);
    expect(copy).toEqual(value);
    expect(sharing(copy)).toEqual(sharing(value));
    expect(Object.keys(copy as object)).toEqual(Object.keys(value));
  });

  it("is told from a copy that lost its sharing", () => {
    const value = { left: shared, right: shared };
    const unshared = JSON.parse(JSON.stringify(value)) as unknown;
    expect(unshared).toEqual(value);
    expect(sharing(unshared)).not.toEqual(sharing(value));
  });
});

describe.each(API_NAMES)("the %s contract as the build stored it", (api) => {
  it("loads as the same document, with the same sharing, as dereferencing its YAML", async () => {
    const contract = await loadContract(contractFile(api));
    expect(contract.prebuilt).toBe(true);
    const fresh = dereferenceInternal(load(await readFile(contractFile(api), "utf8")) as never);
    expect(contract.document).toEqual(fresh);
    expect(sharing(contract.document)).toEqual(sharing(fresh));
  });
});
