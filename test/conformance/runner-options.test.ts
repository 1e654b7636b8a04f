import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runConformance, type RunEvent } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";

describe("runConformance options", () => {
  it("reports cases in the same order whatever the concurrency", async () => {
    const order = async (concurrency: number) => {
      const streamed: string[] = [];
      const result = await runConformance({
        api: "dfns",
        concurrency,
        onEvent: (event: RunEvent) => {
          if (event.type === "case-finished") streamed.push(event.result.id);
        },
      });
      expect(result.summary.failed).toBe(0);
      expect(streamed).toEqual(result.cases.map((item) => item.id));
      return streamed;
    };
    const sequential = await order(1);
    expect(await order(8)).toEqual(sequential);
    expect(sequential).toEqual([...sequential].sort());
  });

  it("calls the hooks around the run and each case", async () => {
    const calls: string[] = [];
    await runConformance({
      api: "intercom",
      ids: ["intercom/archive-by-id", "intercom/archive-by-email"],
      hooks: {
        beforeAll: () => void calls.push("beforeAll"),
        beforeEach: ({ case: testCase }) => void calls.push(`beforeEach ${testCase.id}`),
        afterEach: ({ result }) => void calls.push(`afterEach ${result.id} ${result.status}`),
        afterAll: ({ result }) => void calls.push(`afterAll ${result.summary.passed}`),
      },
    });
    expect(calls).toEqual([
      "beforeAll",
      "beforeEach intercom/archive-by-email",
      "afterEach intercom/archive-by-email passed",
      "beforeEach intercom/archive-by-id",
      "afterEach intercom/archive-by-id passed",
      "afterAll 2",
    ]);
  });

  it("runs permanent deletes only when asked", async () => {
    // Not asked for, they are not selected: a selection of nothing is an error, never an empty green run.
    await expect(runConformance({ api: "intercom", tags: ["permanent-delete"] })).rejects.toThrow("intercom: no case matches --tag permanent-delete");
    const withThem = await runConformance({ api: "intercom", tags: ["permanent-delete"], includePermanentDelete: true });
    expect(withThem.cases.map((item) => [item.id, item.status])).toEqual([["intercom/permanent-delete", "passed"]]);
  });
});

describe("archive-kit verify --target prism", () => {
  it("passes every case a stateless mock can pass, for both APIs", async () => {
    const { code, stdout } = await runCli(["verify", "--target", "prism"]);
    expect(stdout).toMatch(/intercom — 9 cases against/);
    expect(stdout).toMatch(/dfns — 8 cases against/);
    expect(stdout.trim().split("\n").at(-1)).toBe("17 passed, 0 failed, 0 skipped");
    expect(code).toBe(0);
  });
});

describe("archive-kit verify --hooks", () => {
  it("loads an ES module of hooks", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-hooks-"));
    const hooks = path.join(dir, "hooks.mjs");
    await writeFile(hooks, 'export function afterAll({ result }) { console.log(`hooks saw ${result.cases.length} cases`); }\n');
    const { code, stdout } = await runCli(["verify", "--api", "intercom", "--case", "intercom/archive-by-id", "--hooks", hooks]);
    expect(code).toBe(0);
    expect(stdout).toContain("hooks saw 1 cases");
  });

  it("a hooks file that cannot load is one clear line and exit 2", async () => {
    const { code, stderr } = await runCli(["verify", "--hooks", "/nonexistent/hooks.mjs"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^archive-kit: --hooks \/nonexistent\/hooks\.mjs: cannot be loaded: .* — pass an ES module/);
  });
});
