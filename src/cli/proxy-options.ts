import { type Command, Option } from "commander";
import { credentialHelp } from "../conformance/credentials.js";
import type { PluginRegistry } from "../plugin-registry.js";
import { REPORTER_NAMES } from "../reporters/names.js";
import type { ProxyCliOptions } from "./commands/proxy.js";
import type { Io } from "./io.js";
import { parsePort, parsePositiveInteger, parseTimeoutSeconds } from "./options.js";

const commaList = (value: string, previous: string[] = []) => [...previous, ...value.split(",").map((name) => name.trim()).filter(Boolean)];

/** Adds `archive-kit proxy`: a validating, recording proxy in front of a live implementation. */
export function addProxyCommand(program: Command, apis: PluginRegistry, io: Io, exit: (code: number) => void): void {
  const proxy = program
    .command("proxy")
    .description("pass real traffic through to an implementation, byte for byte, and judge every exchange against the contract")
    .addOption(new Option("--api <name>", "which API the traffic speaks").choices([...apis.names]).makeOptionMandatory())
    .requiredOption("--upstream <url>", "the implementation the traffic goes to, e.g. http://127.0.0.1:4010")
    .option("--port <n>", "port to listen on (0: any free one)", parsePort, 4020)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--allow-remote", "allow an --upstream that is not on this machine")
    .addOption(new Option("--mode <mode>", "observe: judge and report; enforce: also refuse what breaks the contract").choices(["observe", "enforce"]).default("observe"))
    .addOption(new Option("--enforce <what>", "with --mode enforce: refuse invalid requests (the API's own 4xx), non-conforming responses (a 502 naming the violations), or both").choices(["requests", "responses", "both"]))
    .option("--checks <names>", "run only these checks, comma-separated", commaList)
    .option("--exclude-checks <names>", "run every check but these, comma-separated", commaList)
    .addOption(new Option("--reporter <name...>", "console, and report files: json, junit, coverage, html").choices([...REPORTER_NAMES]).default(["console"]))
    .option("--output <dir>", "where the report files go", "reports")
    .option("--record <dir>", "write the traffic as case files that verify --cases replays")
    .option("--har <file>", "write every exchange as HAR 1.2, with each check's verdict")
    .option("--duration <seconds>", "stop after this long", parsePositiveInteger)
    .option("--max-requests <n>", "stop after this many exchanges", parsePositiveInteger)
    .option("--timeout <seconds>", "per-request timeout towards the upstream (1 to 3600)", parseTimeoutSeconds, 30)
    .action(async (options: ProxyCliOptions) => {
      // Loaded when a proxy starts: the other commands never pay for it.
      const { proxyCommand } = await import("./commands/proxy.js");
      exit(await proxyCommand(apis, options, io));
    });
  for (const plugin of apis.plugins) {
    for (const declaration of plugin.conformance.credentials) proxy.option(`${declaration.flag} <${declaration.valueName}>`, `${credentialHelp(declaration)}: never shown, wherever the traffic echoes it`);
  }
}

