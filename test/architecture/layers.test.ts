/**
 * Layers point one way (issue 9, item 2): the contract at the bottom; checks, reporters, the
 * reference pipeline and the conformance engine above it, the fuzzer above those, none reaching up to
 * an API, a mock, the CLI or the wiring; only the wiring (and the entry points that use it) knows the built-in APIs.
 * Type-only imports count, and there is no import cycle anywhere in src/.
 */
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { cruise, type IForbiddenRuleType } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const ENGINE = "^src/(checks|reporters|reference|conformance|fuzz)/";
const ENTRY_POINTS = "^src/(wiring|index|vitest|msw|client)[.]ts$";

const RULES: IForbiddenRuleType[] = [
  { name: "no-circular", severity: "error", from: { path: "^src/" }, to: { circular: true } },
  {
    name: "contract-imports-nothing-above-it",
    severity: "error",
    from: { path: "^src/contract/" },
    to: { path: ["^src/(conformance|checks|reporters|reference|mock|cli|apis|fuzz)/", "^src/(wiring|index|vitest|plugin|plugin-registry)[.]ts$"] },
  },
  {
    name: "engine-never-imports-apis-mocks-cli-or-wiring",
    severity: "error",
    from: { path: ENGINE },
    to: { path: ["^src/(apis|mock|cli)/", ENTRY_POINTS, "^src/(plugin|plugin-registry)[.]ts$"] },
  },
  {
    // The fuzzer runs on the conformance engine; the engine below it never depends on it.
    name: "engine-below-fuzz-never-imports-it",
    severity: "error",
    from: { path: "^src/(contract|checks|reporters|reference|conformance)/" },
    to: { path: "^src/fuzz/" },
  },
  {
    // The proxy judges traffic with the engine and the fuzzer's models; nothing below it depends on it.
    name: "engine-and-fuzz-never-import-the-proxy",
    severity: "error",
    from: { path: "^src/(contract|checks|reporters|reference|conformance|fuzz|mock)/" },
    to: { path: "^src/proxy/" },
  },
  { name: "proxy-never-imports-apis-cli-or-wiring", severity: "error", from: { path: "^src/proxy/" }, to: { path: ["^src/(apis|cli)/", ENTRY_POINTS] } },
  { name: "mocks-never-import-cli-or-wiring", severity: "error", from: { path: "^src/mock/" }, to: { path: ["^src/cli/", ENTRY_POINTS] } },
  { name: "apis-never-import-cli-mocks-or-wiring", severity: "error", from: { path: "^src/apis/" }, to: { path: ["^src/(cli|mock)/", ENTRY_POINTS] } },
  { name: "only-wiring-and-entry-points-import-apis", severity: "error", from: { path: "^src/", pathNot: ["^src/(apis|cli)/", ENTRY_POINTS] }, to: { path: "^src/apis/" } },
];

/** The tree under `baseDir` (its own src/): every module's local imports, and the rules broken as "rule: from → to". */
async function cruiseTree(baseDir: string, tsConfig?: string): Promise<{ imports: Map<string, string[]>; violations: string[] }> {
  const options = { baseDir, tsPreCompilationDeps: true, ruleSet: { forbidden: RULES }, validate: true, ...(tsConfig ? { tsConfig: { fileName: tsConfig } } : {}) };
  const result = await cruise(["src"], options, { extensions: [".ts", ".js"] });
  if (typeof result.output === "string") throw new Error("dependency-cruiser returned text, not a cruise result");
  return {
    imports: new Map(result.output.modules.map((module) => [module.source, module.dependencies.map((dependency) => dependency.resolved)])),
    violations: result.output.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`),
  };
}

describe("layers", () => {
  it("src/ breaks none of the rules", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    // tsconfig.json maps the `.js` import specifiers to the `.ts` sources.
    const { imports, violations } = await cruiseTree(root, path.join(root, "tsconfig.json"));
    expect(imports.get("src/wiring.ts")).toContain("src/apis/plugins.ts");
    expect(violations).toEqual([]);
  });

  it("each rule catches its violation, type-only imports included", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-layers-"));
    const files: Record<string, string> = {
      "src/contract/load.ts": `import type { Case } from "../conformance/types";\nexport type Loaded = Case;\n`,
      "src/conformance/types.ts": `export type Case = { id: string };\n`,
      "src/conformance/runner.ts": `import { api } from "../apis/acme/index";\nimport type { Wired } from "../wiring";\nexport const run = (w: Wired) => api(w);\n`,
      // The cycle closes only through b's type-only import.
      "src/checks/a.ts": `import { b } from "./b";\nexport const a = () => b;\n`,
      "src/checks/b.ts": `import type { a } from "./a";\nexport const b: typeof a | undefined = undefined;\n`,
      "src/mock/start.ts": `import { run } from "../cli/program";\nexport const start = run;\n`,
      "src/cli/program.ts": `export const run = () => 0;\n`,
      "src/apis/acme/index.ts": `import { start } from "../../mock/start";\nexport const api = (x: unknown) => [x, start];\n`,
      "src/wiring.ts": `export type Wired = { ok: true };\n`,
      "src/reference/pipeline.ts": `import type { Fuzzed } from "../fuzz/run";\nexport type Piped = Fuzzed;\n`,
      "src/fuzz/run.ts": `import { api } from "../apis/acme/index";\nexport type Fuzzed = typeof api;\n`,
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    expect((await cruiseTree(dir)).violations.sort()).toEqual(
      [
        "no-circular: src/checks/a.ts → src/checks/b.ts",
        "contract-imports-nothing-above-it: src/contract/load.ts → src/conformance/types.ts",
        "engine-never-imports-apis-mocks-cli-or-wiring: src/conformance/runner.ts → src/apis/acme/index.ts",
        "engine-never-imports-apis-mocks-cli-or-wiring: src/conformance/runner.ts → src/wiring.ts",
        "only-wiring-and-entry-points-import-apis: src/conformance/runner.ts → src/apis/acme/index.ts",
        "mocks-never-import-cli-or-wiring: src/mock/start.ts → src/cli/program.ts",
        "apis-never-import-cli-mocks-or-wiring: src/apis/acme/index.ts → src/mock/start.ts",
        "engine-below-fuzz-never-imports-it: src/reference/pipeline.ts → src/fuzz/run.ts",
        "engine-never-imports-apis-mocks-cli-or-wiring: src/fuzz/run.ts → src/apis/acme/index.ts",
        "only-wiring-and-entry-points-import-apis: src/fuzz/run.ts → src/apis/acme/index.ts",
      ].sort(),
    );
  });
});
