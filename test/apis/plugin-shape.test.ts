/**
 * The shipped plugins pass the same validator an outside plugin meets at load, and each one's
 * errorSchemaName is a schema of its own contract.
 */
import { describe, expect, it } from "vitest";
import { loadContract } from "../../src/contract/index.js";
import { pluginProblems } from "../../src/plugin-validation.js";
import { apiRegistry } from "../../src/wiring.js";

describe("the shipped plugins", () => {
  it.each(apiRegistry().plugins.map((plugin) => [plugin.name, plugin] as const))("%s has every member the plugin contract asks for, its error envelope in its contract", async (_name, plugin) => {
    expect(pluginProblems(plugin)).toEqual([]);
    const contract = await loadContract(plugin.contractFile);
    expect(Object.keys(contract.document.components?.schemas ?? {})).toContain(plugin.errorSchemaName);
  });

  it("a value that is no plugin is told every problem by its path", () => {
    expect(pluginProblems(undefined)).toEqual(["the default export must be an object"]);
    expect(pluginProblems({ ...apiRegistry().get("intercom"), name: "Intercom API", reference: { create: () => undefined, settingFlags: [{ flag: "rate" }], verifySettings: {} } })).toEqual([
      "name must be a lower-case name such as acme (letters, digits, dashes)",
      "reference.settingFlags[0].flag must be a long flag such as --rate-limit",
      "reference.settingFlags[0].valueName is missing",
      "reference.settingFlags[0].help is missing",
      "reference.settingFlags[0].value is missing",
      "reference.settingFlags[0].toSettings is missing",
    ]);
  });
});
