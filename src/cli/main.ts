#!/usr/bin/env node
import { processIo } from "./io.js";
import { asksOnlyForVersion, packageVersion } from "./version.js";

const argv = process.argv.slice(2);
if (asksOnlyForVersion(argv, process.env)) {
  processIo.out(packageVersion());
} else {
  // Loaded only here: building the commands imports every API plugin.
  const { run } = await import("./program.js");
  process.exitCode = await run(argv);
}
