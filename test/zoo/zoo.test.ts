/**
 * Issue 16, "A bug zoo that measures us": the table `npm run bench:zoo` wrote to bench/RESULTS.md
 * lists every zoo entry, says every bug was caught and every control passed, and stays true:
 * each bug is caught again by the tool the table credits (verify on the cases it shows failing;
 * fuzz --seed 1 on the entry's operations, whose properties draw what the default run draws), and
 * every control of an API, all at once in front of one reference, passes verify and fuzz.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Mutation } from "../../src/testing/mutating-proxy.js";
import { ZOO, type ZooApi, type ZooEntry } from "../../src/testing/zoo/index.js";
import { runZooEntry } from "../../src/testing/zoo/run.js";

interface Row {
  kind: string;
  id: string;
  reason: string;
  verify: string;
  fuzz: string;
}

const results = await readFile("bench/RESULTS.md", "utf8");
const section = /<!-- zoo:start -->([\s\S]*?)<!-- zoo:end -->/.exec(results)?.[1] ?? "";
const rows: Row[] = [...section.matchAll(/^\| (bug|control) \| `([a-z0-9-]+)` \| [^|]+ \| (.+?) \| ([^|]+) \| ([^|]+) \|$/gm)].map(([, kind, id, reason, verify, fuzz]) => ({ kind: kind!, id: id!, reason: reason!, verify: verify!.trim(), fuzz: fuzz!.trim() }));
const rowOf = (id: string) => rows.find((row) => row.id === id)!;
/** The case ids a table cell shows. */
const shownCases = (cell: string) => [...cell.matchAll(/`([a-z0-9-]+\/[a-z0-9-]+)`/g)].map((match) => match[1]!);

/** Every control of an API at once: each mutation wraps the next. */
function allControls(api: ZooApi): ZooEntry {
  const controls = ZOO.filter((entry) => entry.kind === "control" && entry.api === api);
  return {
    id: `${api}-all-controls`,
    api,
    kind: "control",
    reason: controls.map((entry) => entry.reason).join("; "),
    mutation: () => controls.map((entry) => entry.mutation()).reduceRight<Mutation>((inner, outer) => (request, forward) => outer(request, (sent) => inner(sent, forward) as ReturnType<typeof forward>), (request, forward) => forward(request)),
  };
}

describe("the bug zoo's table in bench/RESULTS.md", () => {
  it("lists every entry with its reason, at least 30 bugs and 10 controls", () => {
    expect(rows.map(({ kind, id, reason }) => ({ kind, id, reason }))).toEqual(ZOO.map(({ kind, id, reason }) => ({ kind, id, reason })));
    expect(ZOO.filter((entry) => entry.kind === "bug").length).toBeGreaterThanOrEqual(30);
    expect(ZOO.filter((entry) => entry.kind === "control").length).toBeGreaterThanOrEqual(10);
    expect(new Set(ZOO.map((entry) => entry.id)).size).toBe(ZOO.length);
  });

  it("says every bug was caught and every control passed", () => {
    expect(rows.filter((row) => row.kind === "bug" && !row.verify.startsWith("✗ caught") && !row.fuzz.startsWith("✗ caught")).map((row) => row.id)).toEqual([]);
    expect(rows.filter((row) => row.kind === "control" && (row.verify !== "✓ passed" || row.fuzz !== "✓ passed")).map((row) => row.id)).toEqual([]);
    expect(section).toMatch(/(\d+) bugs: \1 caught .*, 0 missed\. (\d+) controls: \2 passed both\./);
  });
});

describe("each bug is caught by what the table credits", { timeout: 600_000 }, () => {
  it.each(ZOO.filter((entry) => entry.kind === "bug").map((entry) => [entry.id, entry] as const))("%s", async (_id, entry) => {
    const row = rowOf(entry.id);
    if (row.verify.startsWith("✗ caught")) {
      const cases = shownCases(row.verify);
      const { verify } = await runZooEntry(entry, { verify: { cases } });
      expect(verify!.code).toBe(1);
      expect(verify!.failed).toEqual(expect.arrayContaining(cases));
    } else {
      // Caught by fuzz alone: its properties on the entry's operations, the seed's own draws.
      expect(entry.operations, `${entry.id} is caught by fuzz alone: name the operations that reach it`).toBeDefined();
      const { fuzz } = await runZooEntry(entry, { fuzz: "operations" });
      expect(fuzz!.code).toBe(1);
      expect(fuzz!.failed.filter((id) => shownCases(row.fuzz).includes(id))).not.toEqual([]);
    }
  });
});

describe("the controls, all of an API's at once", { timeout: 600_000 }, () => {
  // The table ran each control alone at fuzz's defaults; here all at once, every property, 25 examples each.
  it.each(["intercom", "dfns"] as const)("%s: verify and fuzz --seed 1 --max-examples 25 pass", async (api) => {
    const { verify, fuzz } = await runZooEntry(allControls(api), { verify: true, fuzz: true, maxExamples: 25 });
    expect({ verify: verify!.code, failed: verify!.failed }).toEqual({ verify: 0, failed: [] });
    expect({ fuzz: fuzz!.code, failed: fuzz!.failed }).toEqual({ fuzz: 0, failed: [] });
  });
});
