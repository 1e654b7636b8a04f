import type { ApiPlugin } from "../plugin.js";
import { dfnsPlugin } from "./dfns/index.js";
import { intercomPlugin } from "./intercom/index.js";

const builtins = [intercomPlugin, dfnsPlugin] as const;

/** The APIs archive-kit ships, in the order runs and --help list them: the one list of built-in APIs. */
export const BUILTIN_PLUGINS: readonly ApiPlugin[] = builtins;
export type BuiltinApiName = (typeof builtins)[number]["name"];
