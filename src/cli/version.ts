import { PLUGINS_ENV } from "./plugin-modules.js";

export { packageVersion } from "../package-root.js";

/**
 * Whether the command line only asks for the version, so that it can be answered before any
 * command or API plugin loads. With plugins to load, the full CLI answers (a plugin that cannot
 * be loaded is an error there, whatever else was asked).
 */
export function asksOnlyForVersion(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V") && !env[PLUGINS_ENV];
}
