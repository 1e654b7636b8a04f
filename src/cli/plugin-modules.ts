import path from "node:path";
import { pathToFileURL } from "node:url";
import { describeCause, UserError } from "../errors.js";
import { isApiPlugin, type ApiPlugin } from "../plugin.js";

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
    throw new UserError(`--plugin ${specifier}: cannot be loaded: ${describeCause(error)} — pass an ES module (a file path or a package name)`);
  }
  if (!isApiPlugin(module.default)) {
    throw new UserError(`--plugin ${specifier}: its default export is not an API plugin — export default defineApiPlugin({ name, title, contractFile, … }) (README, "Adding an API")`);
  }
  return module.default;
}
