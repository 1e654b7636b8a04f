import { Option } from "commander";
import type { FuzzStop } from "../fuzz/run-stop.js";
import type { Coverage } from "../fuzz/coverage-tally.js";
import { plural } from "../plural.js";
import type { PluginRegistry } from "../plugin-registry.js";

/** A word for a POSIX shell: as is when it is plain, else single-quoted. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface ReplayedOptions {
  api: string;
  baseUrl?: string;
  allowRemote?: boolean;
  includePermanentDelete?: boolean;
  [flag: string]: unknown;
}

/**
 * The flags `verify` needs to run every failure a fuzz run saved, as the run was given them: the
 * implementation and its guard, the permanent deletes (their cases are left out without it), and
 * the API's credential flags that hold no secret (ids, a key's file): secrets stay in the environment.
 */
export function replayFlags(apis: PluginRegistry, options: ReplayedOptions): string[] {
  const credentials = options.api === "all" ? [] : apis.get(options.api).conformance.credentials;
  const given = credentials.flatMap((declaration) => {
    const value = options[new Option(declaration.flag).attributeName()];
    return typeof value === "string" && (!declaration.secret || declaration.file) ? [declaration.flag, shellWord(value)] : [];
  });
  return [
    ...(options.baseUrl ? ["--base-url", shellWord(options.baseUrl)] : []),
    ...(options.allowRemote ? ["--allow-remote"] : []),
    ...(options.includePermanentDelete ? ["--include-permanent-delete"] : []),
    ...given,
  ];
}

/** The command that replays the failures saved in `dir`. */
export function replayCommand(api: string, dir: string, flags: string[]): string {
  return ["archive-kit", "verify", "--api", api, "--cases", shellWord(dir), ...flags].join(" ");
}

/** The exit-2 line of a fuzz run that stopped before its end. */
export function stoppedLine(stop: FuzzStop, baseUrl: string, limits: { timeoutS: number; maxTimeS: number }): string {
  if (stop.reason === "max-time") {
    return `the run took longer than --max-time ${limits.maxTimeS} s and was stopped, with no verdict — raise --max-time, or fuzz less (--max-examples, --operation, --duration)`;
  }
  return `${baseUrl} left ${stop.unanswered} requests in a row unanswered within --timeout ${limits.timeoutS} s, so the run was stopped, with no verdict — check the implementation is still serving HTTP there, or raise --timeout`;
}

/** "<api> covered: 5 of 5 operations, 19 of 31 documented statuses, 10 of 10 links". */
export function coverageLine(api: string, covered: Coverage): string {
  const [operations, statuses, links] = [covered.operations, covered.statuses, covered.links];
  return `${api} covered: ${operations[0]} of ${plural(operations[1], "operation")}, ${statuses[0]} of ${plural(statuses[1], "documented status", "documented statuses")}, ${links[0]} of ${plural(links[1], "link")}`;
}
