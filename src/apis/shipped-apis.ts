/** The APIs the package ships, by name: their names, and where their contracts and fixtures are. */
import { createPluginRegistry } from "../plugin-registry.js";
import { BUILTIN_PLUGINS, type BuiltinApiName } from "./plugins.js";

const builtins = createPluginRegistry(BUILTIN_PLUGINS);

/** The names of the built-in APIs, from the plugin list. */
export const API_NAMES = builtins.names as readonly BuiltinApiName[];
export type ApiName = BuiltinApiName;

/** The contract shipped with the package for a built-in API. */
export function contractFile(api: string): string {
  return builtins.get(api).contractFile;
}

/** The fixtures folder shipped with the package for a built-in API. */
export function fixturesDir(api: string): string {
  return builtins.get(api).fixturesDir;
}
