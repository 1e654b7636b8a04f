import { Command, CommanderError, Option } from "commander";
import { describeCause, UserError } from "../errors.js";
import { API_NAMES } from "../apis/registry.js";
import { validateCommand } from "./commands/validate.js";

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
      exitCode = await validateCommand(options, io);
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
