import type { ApiPlugin } from "../plugin.js";
import { createPluginRegistry, type PluginRegistry } from "../plugin-registry.js";
import { dfnsPlugin } from "./dfns/index.js";
import { intercomPlugin } from "./intercom/index.js";

const builtins = [intercomPlugin, dfnsPlugin] as const;

/** The APIs archive-kit ships, in the order runs and --help list them: the one list of built-in APIs. */
export const BUILTIN_PLUGINS: readonly ApiPlugin[] = builtins;
export type BuiltinApiName = (typeof builtins)[number]["name"];

/**
 * The built-in APIs and `plugins`, by name. Here rather than in the wiring, so that the CLI can
 * build its commands without loading the checks and engines the wiring puts together.
 */
export function apiRegistry(plugins: readonly ApiPlugin[] = []): PluginRegistry {
  return createPluginRegistry([...BUILTIN_PLUGINS, ...plugins]);
}
