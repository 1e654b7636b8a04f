/** Option values are never read as options (issue 14, item 5): `--vars "--plugin=x.mjs"` loads no module. */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

/** A module that leaves a file behind when anything imports it. */
function markerModule(): { module: string; marker: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "ak-option-values-"));
  const marker = path.join(dir, "imported");
  const module = path.join(dir, "plugin.mjs");
  writeFileSync(module, `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "");\nexport default {};\n`);
  return { module, marker };
}

describe("a value that looks like --plugin", () => {
  it.each([
    ["--vars", (module: string) => ["verify", "--vars", `--plugin=${module}`]],
    ["--cases", (module: string) => ["verify", "--cases", "--plugin", module]],
    ["--output", (module: string) => ["fuzz", "--output", `--plugin=${module}`]],
  ])("after %s is not loaded", async (_flag, argv) => {
    const { module, marker } = markerModule();
    const result = await runCli(argv(module));
    expect(result.code).toBe(2);
    expect(existsSync(marker)).toBe(false);
  });

  it("as an option of its own is loaded (and refused: its default export is not a plugin)", async () => {
    const { module, marker } = markerModule();
    const result = await runCli(["verify", "--plugin", module]);
    expect(existsSync(marker)).toBe(true);
    expect(result.stderr).toMatch(/its default export is not an API plugin/);
    expect(result.code).toBe(2);
  });
});
