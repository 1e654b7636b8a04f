import path from "node:path";
import { pathToFileURL } from "node:url";
import { describeCause, UserError } from "../errors.js";
import type { ApiPlugin } from "../plugin.js";
import { pluginProblems } from "../plugin-validation.js";

/** The environment variable naming plugin modules, separated like PATH. */
export const PLUGINS_ENV = "ARCHIVE_KIT_PLUGINS";

/**
 * The plugin modules named by `--plugin M` / `--plugin=M` anywhere in argv (a global option, before
 * or after the subcommand), after those of ARCHIVE_KIT_PLUGINS. Read before the commands are built,
 * so that a plugin's flags exist when commander parses. The value of a flag in `valueFlags` is
 * skipped, as commander will read it: `--vars "--plugin=x.mjs"` names a file, and loads nothing.
 */
export function pluginModulesFrom(argv: readonly string[], env: NodeJS.ProcessEnv, valueFlags: ReadonlySet<string>): string[] {
  const modules = (env[PLUGINS_ENV] ?? "").split(path.delimiter).filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (arg === "--plugin" && argv[i + 1] !== undefined) modules.push(argv[++i]!);
    else if (arg.startsWith("--plugin=")) modules.push(arg.slice("--plugin=".length));
    else if (valueFlags.has(arg)) i++;
  }
  return modules;
}

/** Imports a module that default-exports an ApiPlugin: a file path (relative to the working folder) or a package name. */
export async function importPlugin(specifier: string): Promise<ApiPlugin> {
  const isPath = specifier.startsWith(".") || path.isAbsolute(specifier) || /\.[cm]?js$/.test(specifier);
  const url = isPath ? pathToFileURL(path.resolve(specifier)).href : specifier;
  let module: { default?: unknown };
  try {
    module = (await import(url)) as { default?: unknown };
  } catch (error) {
    if (missesArchiveKit(error)) throw new UserError(`--plugin ${specifier}: it imports archive-kit, which is not installed where the plugin is — install it beside the plugin (npm install --save-dev archive-kit in the plugin's folder)`);
    throw new UserError(`--plugin ${specifier}: cannot be loaded: ${describeCause(error)} — pass an ES module (a file path or a package name)`);
  }
  const problems = pluginProblems(module.default);
  if (problems.length > 0) {
    throw new UserError(`--plugin ${specifier}: its default export is not an API plugin: ${problems.join("; ")} — export default defineApiPlugin({ name, title, contractFile, … }) (docs/reference/plugin-api.md)`);
  }
  const plugin = module.default as ApiPlugin;
  const schemas = await contractSchemas(plugin.contractFile);
  if (schemas && !schemas.includes(plugin.errorSchemaName)) {
    throw new UserError(`--plugin ${specifier}: errorSchemaName "${plugin.errorSchemaName}" is not a schema of ${plugin.contractFile} — use one of ${schemas.join(", ") || "(it has no components.schemas)"}`);
  }
  return plugin;
}

/** An import that failed because the package `archive-kit` cannot be resolved from the plugin's folder. */
function missesArchiveKit(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === "ERR_MODULE_NOT_FOUND" && /Cannot find package 'archive-kit'/.test(message ?? "");
}

/**
 * The schema names of a plugin's contract (components.schemas), which its errorSchemaName must be
 * one of; undefined when the contract does not load, which the command then reports as its own.
 */
async function contractSchemas(contractFile: string): Promise<string[] | undefined> {
  const { loadContract } = await import("../contract/index.js");
  try {
    return Object.keys((await loadContract(contractFile)).document.components?.schemas ?? {});
  } catch {
    return undefined;
  }
}
