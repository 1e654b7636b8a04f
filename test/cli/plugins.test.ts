import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runConformance, startReferenceServer } from "../../src/wiring.js";
import { runCli } from "../helpers/cli.js";

async function moduleFile(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-plugin-"));
  const file = path.join(dir, "plugin.mjs");
  await writeFile(file, text);
  return file;
}

describe("--plugin and ARCHIVE_KIT_PLUGINS", () => {
  it.each([
    ["a module that does not exist", async () => "./no-such-plugin.mjs", /^archive-kit: --plugin \.\/no-such-plugin\.mjs: cannot be loaded: .* — pass an ES module \(a file path or a package name\)\n$/],
    ["a module whose default export is not a plugin", () => moduleFile("export default { name: 'half' };\n"), /^archive-kit: --plugin .*plugin\.mjs: its default export is not an API plugin — export default defineApiPlugin\(/],
    ["a module that throws while loading", () => moduleFile("throw new Error('broken on purpose');\n"), /^archive-kit: --plugin .*plugin\.mjs: cannot be loaded: broken on purpose — /],
  ])("%s is one line and exit code 2, before or after the command, by flag or variable", async (_what, make, message) => {
    const module = await make();
    for (const [args, env] of [
      [["--plugin", module, "validate"], {}],
      [["validate", `--plugin=${module}`], {}],
      [["validate"], { ARCHIVE_KIT_PLUGINS: module }],
    ] as const) {
      const { code, stdout, stderr } = await runCli([...args], { env });
      expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
      expect(stderr).toMatch(message);
    }
  });

  it("an unknown API is one line listing the registered ones", async () => {
    await expect(runConformance({ api: "acme" })).rejects.toThrow('unknown API "acme" — use one of: intercom, dfns');
    await expect(startReferenceServer({ api: "acme" })).rejects.toThrow('unknown API "acme" — use one of: intercom, dfns');
    const { code, stderr } = await runCli(["mock", "acme"]);
    expect(code).toBe(2);
    expect(stderr).toBe("archive-kit: command-argument value 'acme' is invalid for argument 'api' — use one of intercom, dfns\n");
  });
});
