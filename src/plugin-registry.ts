import path from "node:path";
import { UserError } from "./errors.js";
import type { ApiPlugin } from "./plugin.js";

/** The APIs a run knows, by name, in the order they were registered (built-in first). */
export interface PluginRegistry {
  readonly names: readonly string[];
  readonly plugins: readonly ApiPlugin[];
  /** The plugin of an API; an unknown name is the user's error, listing the registered ones. */
  get(name: string): ApiPlugin;
}

/** One registry from plugins; two with the same name, or a relative path, is the plugin author's error. */
export function createPluginRegistry(plugins: readonly ApiPlugin[]): PluginRegistry {
  const byName = new Map<string, ApiPlugin>();
  for (const plugin of plugins) {
    if (byName.has(plugin.name)) throw new UserError(`API plugin "${plugin.name}" is registered twice — give each plugin its own name`);
    for (const key of ["contractFile", "casesDir", "fixturesDir"] as const) {
      if (!path.isAbsolute(plugin[key])) throw new UserError(`API plugin "${plugin.name}": ${key} ${plugin[key]} is not an absolute path — resolve it from the plugin's own folder`);
    }
    byName.set(plugin.name, plugin);
  }
  const names = [...byName.keys()];
  return {
    names,
    plugins: [...byName.values()],
    get(name) {
      const plugin = byName.get(name);
      if (!plugin) throw new UserError(`unknown API "${String(name)}" — use one of: ${names.join(", ")}`);
      return plugin;
    },
  };
}
