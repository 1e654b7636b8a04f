import { Argument, Command, CommanderError, Option } from "commander";
import { apiRegistry } from "../apis/plugins.js";
import { credentialHelp } from "../conformance/credentials.js";
import { describeCause, UserError } from "../errors.js";
import type { PluginRegistry } from "../plugin-registry.js";
import { REPORTER_NAMES } from "../reporters/names.js";
import type { MockOptions } from "./commands/mock.js";
import type { VerifyOptions } from "./commands/verify.js";
import { addFuzzCommand } from "./commands/fuzz.js";
import { addProxyCommand } from "./proxy-options.js";
import { processIo, type Io } from "./io.js";
import { addReadinessOptions, parseFailRate, parseLatencyMs, parseMaxTimeSeconds, parsePort, parsePositiveInteger, parseSeed, parseShard, parseTimeoutSeconds } from "./options.js";
import { importPlugin, pluginModulesFrom, PLUGINS_ENV } from "./plugin-modules.js";
import { packageVersion } from "./version.js";

/**
 * Commander's parse errors as one line, `archive-kit: what — fix`: its "error: " prefix dropped,
 * its "(Did you mean …?)" or "Allowed choices are …" made the fix, otherwise the command's help.
 */
export function usageErrorLine(message: string, commandPath: string): string {
  const [what = "", ...rest] = message.replace(/^error: /, "").trim().split("\n");
  const suggestion = /^\(Did you mean (.+)\?\)$/.exec(rest.join(" ").trim());
  const invalid = /^(.+? is invalid(?: for argument '[^']+')?)\. (.+?)\.?$/.exec(what);
  const help = `see ${commandPath} --help`;
  if (suggestion) return `archive-kit: ${what} — did you mean ${suggestion[1]}?`;
  if (invalid) {
    const choices = /^Allowed choices are (.+)$/.exec(invalid[2]!);
    return `archive-kit: ${invalid[1]} — ${choices ? `use one of ${choices[1]}` : invalid[2]}`;
  }
  return `archive-kit: ${what.replace(/\.$/, "")} — ${help}`;
}

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Runs the CLI and resolves to its exit code: 0 passed, 1 a check failed, 2 usage/config/contract error. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    // Plugins first: their credential and setting flags must exist before commander parses.
    const builtIn = valueTakingFlags(createProgram(apiRegistry(), io, { exitCode: 0, commandPath: "archive-kit" }));
    const external = await Promise.all(pluginModulesFrom(argv, process.env, builtIn).map(importPlugin));
    return await runWith(apiRegistry(external), argv, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** What parsing leaves behind: the command's exit code, and the command whose arguments were being parsed (named in a usage error's "see … --help"). */
interface ParseState {
  exitCode: number;
  commandPath: string;
}

async function runWith(apis: PluginRegistry, argv: string[], io: Io): Promise<number> {
  const state: ParseState = { exitCode: 0, commandPath: "archive-kit" };
  const program = createProgram(apis, io, state);
  try {
    await program.parseAsync(argv, { from: "user" });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; `archive-kit` alone has printed its help to stderr.
      if (error.exitCode === 0) return 0;
      if (error.code !== "commander.help") io.err(usageErrorLine(error.message, state.commandPath));
      return 2;
    }
    return reportError(error, io);
  }
}

/** Every command and option, with each API's flags as its plugin declares them. */
function createProgram(apis: PluginRegistry, io: Io, state: ParseState): Command {
  const program = new Command("archive-kit")
    .description(`Contract-first mocks and conformance checks for HTTP APIs: ${apis.plugins.map((plugin) => `${plugin.title} (${plugin.name})`).join(", ")}`)
    .version(packageVersion(), "-V, --version", "print the archive-kit version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
      // Parse errors are printed from the CommanderError below, as one line.
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    // Read by pluginModulesFrom before parsing; declared so that --help lists it and commander accepts it anywhere.
    .option("--plugin <module>", `load an API plugin: an ES module default-exporting one (repeatable; also ${PLUGINS_ENV}, separated like PATH)`, (value: string, previous: string[] = []) => [...previous, value])
    .hook("preSubcommand", (_program, command) => {
      state.commandPath = `archive-kit ${command.name()}`;
    });

  program
    .command("validate")
    .description("validate the contracts and every example in them")
    .addOption(new Option("--api <name>", "which contract").choices([...apis.names, "all"]).default("all"))
    .option("--contract <file...>", "validate these OpenAPI 3.1 files instead of the shipped contracts")
    .action(async (options: { api: string; contract?: string[] }) => {
      // Commands load on demand, so each starts without the others' modules.
      const { validateCommand } = await import("./commands/validate.js");
      state.exitCode = await validateCommand(apis, options, io);
    });

  const settingFlags = apis.plugins.flatMap((plugin) => plugin.reference.settingFlags);
  const mock = program
    .command("mock")
    .description("serve a local mock of an API: Prism from the contract, or the stateful reference server")
    .addArgument(new Argument("<api>", "which API").choices([...apis.names]))
    .option("--port <n>", `port to listen on (default ${apis.plugins.map((plugin) => `${plugin.defaultPort} for ${plugin.name}`).join(", ")})`, parsePort)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--dynamic", "Prism: generate responses from the schemas instead of the documented examples")
    .option("--stateful", "serve the stateful reference server instead of Prism")
    .option("--fixtures <dir>", "reference server: seed state from this folder instead of fixtures/<api>/")
    .option("--latency <ms>", "reference server: delay every API answer by this many milliseconds (at most 10000)", parseLatencyMs)
    .option("--fail-rate <p>", "reference server: answer this share (0 to 1) of API requests with a documented 5xx or 429, state untouched", parseFailRate)
    .option("--seed <n>", "reference server: seed --fail-rate's choices so a run repeats", parseSeed)
    .option("--cors-origin <origin...>", "reference server: allow only these page origins (default: any origin)")
    .option("--cors-headers <name...>", "reference server: allow pages only the request headers the API reads and these (default: whatever a preflight asks for, unless --cors-origin is given)")
    .option("--no-cors", "send no CORS headers and answer no preflights")
    .option("--allowed-host <name...>", "reference server: also answer requests addressed to these host names (IP addresses and localhost always are)")
    .option("--quiet", "print no request log")
    .action(async (api: string, options: MockOptions) => {
      if (options.corsOrigin && !options.cors) throw new UserError("--cors-origin and --no-cors contradict each other — drop one");
      if (options.corsHeaders && !options.cors) throw new UserError("--cors-headers and --no-cors contradict each other — drop one");
      if (options.corsHeaders && !options.stateful) throw new UserError("--cors-headers applies to the reference server — add --stateful");
      if (options.corsOrigin && !options.stateful) throw new UserError("--cors-origin applies to the reference server — add --stateful (Prism allows any origin)");
      if (options.allowedHost && !options.stateful) throw new UserError("--allowed-host applies to the reference server — add --stateful");
      const given = settingFlags.filter((setting) => options[new Option(setting.flag).attributeName()] !== undefined);
      if (!options.stateful && (options.fixtures || given.length > 0)) {
        throw new UserError(`${listed(["--fixtures", ...settingFlags.map((setting) => setting.flag)])} apply to the reference server — add --stateful`);
      }
      const foreign = given.find((setting) => !apis.get(api).reference.settingFlags.includes(setting));
      if (foreign) throw new UserError(`${foreign.flag} is not a setting of the ${api} reference server — drop it`);
      if (options.stateful && options.dynamic) throw new UserError("--dynamic applies to Prism — drop it or drop --stateful");
      if (!options.stateful && (options.latency !== undefined || options.failRate !== undefined || options.seed !== undefined)) {
        throw new UserError("--latency, --fail-rate and --seed apply to the reference server — add --stateful (Prism takes a Prefer header)");
      }
      const { mockCommand } = await import("./commands/mock.js");
      state.exitCode = await mockCommand(apis.get(api), options, io);
    });
  // Each API's reference settings, as its plugin declares them.
  for (const setting of settingFlags) mock.option(`${setting.flag} <${setting.valueName}>`, setting.help, parsePositiveInteger);

  const verify = program
    .command("verify")
    .description("replay the documented examples and derived rules against an implementation and judge it")
    .addOption(new Option("--api <name>", "which API").choices([...apis.names, "all"]).default("all"))
    .option("--base-url <url>", "the implementation to verify (default: start the embedded reference)")
    .addOption(new Option("--target <target>", "without --base-url: the embedded implementation to verify").choices(["reference", "prism"]))
    .addOption(new Option("--reporter <name...>", "console, json, junit, coverage, html (several allowed)").choices([...REPORTER_NAMES]).default(["console"]))
    .option("--output <dir>", "where the report files go (json, junit, coverage, html)", "reports")
    .option("--tag <tag...>", "only cases with one of these tags")
    .option("--exclude-tag <tag...>", "leave out the cases with any of these tags (applied after --tag)")
    .option("--case <id...>", "only these case ids (a trailing * matches a prefix)")
    .option("--shard <i/n>", "only the i-th of n slices of the cases (for CI matrices)", parseShard)
    .option("--timeout <seconds>", "per-request timeout (1 to 3600)", parseTimeoutSeconds, 10)
    .option("--max-time <seconds>", "stop the whole run after this long (1 to 86400), waiting included: exit 2, no verdict", parseMaxTimeSeconds)
    .option("--concurrency <n>", "cases run at once (the report order stays the same)", parsePositiveInteger, 1)
    .option("--vars <file>", "YAML variables the cases name: callers, users, sharedEmail, appId")
    .option("--cases <dir>", "a folder of case files instead of the shipped ones")
    .option("--har <file>", "judge the exchanges of a HAR recording (proxy --har, a browser's export) offline, with no server (needs --api)")
    .option("--hooks <file>", "an ES module with beforeAll/beforeEach/afterEach/afterAll")
    .option("--allow-remote", "allow a --base-url that is not on this machine (the cases archive users)")
    .option("--include-permanent-delete", "also run the cases that permanently delete users")
    .option("--allow-skipped-documented", "accept documented examples that cannot run here (they fail the run otherwise)")
    .option("--checks <names>", "run only these checks, comma-separated (e.g. status-code,response-schema)", (value: string, previous: string[] = []) => [...previous, ...value.split(",").map((name) => name.trim()).filter(Boolean)])
    .option("--exclude-checks <names>", "run every check but these, comma-separated", (value: string, previous: string[] = []) => [...previous, ...value.split(",").map((name) => name.trim()).filter(Boolean)])
    .action(async (options: VerifyOptions) => {
      const { verifyCommand } = await import("./commands/verify.js");
      state.exitCode = await verifyCommand(apis, options, io);
    });
  addReadinessOptions(verify);
  // Each API's credentials, as its plugin declares them (flag, variable, help), in registry order.
  for (const plugin of apis.plugins) {
    for (const declaration of plugin.conformance.credentials) {
      verify.option(`${declaration.flag} <${declaration.valueName}>`, credentialHelp(declaration));
    }
  }
  addFuzzCommand(program, apis, io, (code) => (state.exitCode = code));
  addProxyCommand(program, apis, io, (code) => (state.exitCode = code));
  return program;
}

/** The long options of any command that take a value: what follows one is its value, never an option (`--vars --plugin=x`). */
function valueTakingFlags(program: Command): Set<string> {
  const options = [program, ...program.commands].flatMap((command) => command.options);
  return new Set(options.filter((option) => option.required || option.optional).flatMap((option) => (option.long ? [option.long] : [])));
}

/** A UserError as its one line and exit code; anything else as one line, its stack only when debugging. */
function reportError(error: unknown, io: Io): number {
  if (error instanceof UserError) {
    io.err(`archive-kit: ${error.message}`);
    return error.exitCode;
  }
  io.err(`archive-kit: unexpected error: ${describeCause(error)} (set ARCHIVE_KIT_DEBUG=1 for details)`);
  if (process.env.ARCHIVE_KIT_DEBUG) io.err(String((error as Error).stack));
  return 2;
}
