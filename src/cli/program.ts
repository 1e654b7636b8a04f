import { Argument, Command, CommanderError, Option } from "commander";
import { describeCause, UserError } from "../errors.js";
import { API_NAMES } from "../apis/registry.js";
import type { MockOptions } from "./commands/mock.js";
import { parsePort, parsePositiveInteger } from "./options.js";
import type { ApiName } from "../apis/registry.js";

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the CLI and resolves to its exit code: 0 passed, 1 a check failed, 2 usage/config/contract error. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  let exitCode = 0;
  const program = new Command("archive-kit")
    .description("Contract-first mocks and conformance checks for the Intercom 1.3 and Dfns archive-user APIs")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    })
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run archive-kit --help for usage)");

  program
    .command("validate")
    .description("validate the contracts and every example in them")
    .addOption(new Option("--api <name>", "which contract").choices([...API_NAMES, "all"]).default("all"))
    .option("--contract <file...>", "validate these OpenAPI 3.1 files instead of the shipped contracts")
    .action(async (options: { api: string; contract?: string[] }) => {
      // Commands load on demand, so each starts without the others' modules.
      const { validateCommand } = await import("./commands/validate.js");
      exitCode = await validateCommand(options, io);
    });

  program
    .command("mock")
    .description("serve a local mock of an API: Prism from the contract, or the stateful reference server")
    .addArgument(new Argument("<api>", "which API").choices([...API_NAMES]))
    .option("--port <n>", "port to listen on (default 4010 for intercom, 4011 for dfns)", parsePort)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--dynamic", "Prism: generate responses from the schemas instead of the documented examples")
    .option("--stateful", "serve the stateful reference server instead of Prism")
    .option("--fixtures <dir>", "reference server: seed state from this folder instead of fixtures/<api>/")
    .option("--rate-limit <n>", "reference Intercom: requests per token per minute (default 500)", parsePositiveInteger)
    .action(async (api: ApiName, options: MockOptions) => {
      if (!options.stateful && (options.fixtures || options.rateLimit)) {
        throw new UserError("--fixtures and --rate-limit apply to the reference server — add --stateful");
      }
      if (options.stateful && options.dynamic) throw new UserError("--dynamic applies to Prism — drop it or drop --stateful");
      const { mockCommand } = await import("./commands/mock.js");
      exitCode = await mockCommand(api, options, io);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed the one-line usage error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UserError) {
      io.err(`archive-kit: ${error.message}`);
      return error.exitCode;
    }
    io.err(`archive-kit: unexpected error: ${describeCause(error)} (set ARCHIVE_KIT_DEBUG=1 for details)`);
    if (process.env.ARCHIVE_KIT_DEBUG) io.err(String((error as Error).stack));
    return 2;
  }
}
