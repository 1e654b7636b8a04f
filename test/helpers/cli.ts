// The tests run the CLI as a plugin author would: through archive-kit/testing's runCli.
export { runCli, type CliResult } from "../../src/testing/run-cli.js";
