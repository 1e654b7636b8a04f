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
    ["a module whose default export is not a plugin", () => moduleFile("export default { name: 'half' };\n"), /^archive-kit: --plugin .*plugin\.mjs: its default export is not an API plugin: title is missing; contractFile is missing; .* — export default defineApiPlugin\(/],
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

  const toy = new URL("../../examples/toy-api/plugin.mjs", import.meta.url).href;
  /** The toy plugin with one part changed: `change` is the body of a function of `plugin` that returns the export. */
  const toyWith = (change: string) => moduleFile(`import plugin from ${JSON.stringify(toy)};\nexport default (() => { ${change} })();\n`);
  it.each([
    ["without mockHint", "const { mockHint, ...rest } = plugin; return rest;", /: its default export is not an API plugin: mockHint is missing — /],
    ["with an empty conformance", "return { ...plugin, conformance: {} };", /: conformance\.secretHeaders is missing; conformance\.credentials is missing; conformance\.createApi is missing; conformance\.referenceSetup is missing; conformance\.prismCredentials is missing — /],
    ["with credentials that are no array", "return { ...plugin, conformance: { ...plugin.conformance, credentials: 'token' } };", /: conformance\.credentials must be an array — /],
    ["with a credential missing its flag", "return { ...plugin, conformance: { ...plugin.conformance, credentials: [{ ...plugin.conformance.credentials[0], flag: undefined }] } };", /: conformance\.credentials\[0\]\.flag is missing — /],
    ["with a port that is text", "return { ...plugin, defaultPort: '4040' };", /: defaultPort must be a port number \(1 to 65535\) — /],
    ["naming an error schema its contract lacks", "return { ...plugin, errorSchemaName: 'Problem' };", /: errorSchemaName "Problem" is not a schema of .*deactivate\.yaml — use one of .*Error/],
  ])("a plugin %s gets one line naming what is wrong", async (_what, change, message) => {
    const { code, stdout, stderr } = await runCli(["--plugin", await toyWith(change), "validate"]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it("a plugin outside the package, where archive-kit is not installed, is told to install it beside the plugin", async () => {
    const module = await moduleFile('import { defineApiPlugin } from "archive-kit";\nexport default defineApiPlugin({});\n');
    const { code, stderr } = await runCli(["--plugin", module, "validate"], { cwd: path.dirname(module) });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^archive-kit: --plugin .*plugin\.mjs: it imports archive-kit, which is not installed where the plugin is — install it beside the plugin \(npm install --save-dev archive-kit in the plugin's folder\)\n$/);
  });

  it("an unknown API is one line listing the registered ones", async () => {
    await expect(runConformance({ api: "acme" })).rejects.toThrow('unknown API "acme" — use one of: intercom, dfns');
    await expect(startReferenceServer({ api: "acme" })).rejects.toThrow('unknown API "acme" — use one of: intercom, dfns');
    const { code, stderr } = await runCli(["mock", "acme"]);
    expect(code).toBe(2);
    expect(stderr).toBe("archive-kit: command-argument value 'acme' is invalid for argument 'api' — use one of intercom, dfns\n");
  });
});
