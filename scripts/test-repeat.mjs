// Runs the test suite N times (default 5) to catch flaky tests: builds and typechecks once, then
// `vitest run` N times, stopping at the first failing run and printing its output.
// Usage: npm run test:repeat [-- N [vitest arguments…]]
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [countArgument, ...vitestArguments] = process.argv.slice(2);
const runs = countArgument === undefined ? 5 : Number(countArgument);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`test:repeat: ${countArgument} is not a number of runs — pass a whole number of 1 or more, like npm run test:repeat -- 3`);
  process.exit(2);
}

for (const script of ["build", "typecheck"]) {
  const step = spawnSync("npm", ["run", script, "--silent"], { cwd: root, stdio: "inherit" });
  if (step.status !== 0) {
    console.error(`test:repeat: npm run ${script} failed, no test run started`);
    process.exit(1);
  }
}

const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

/** One `vitest run`, its output kept to be shown only if it fails. */
function runSuite() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, "run", ...vitestArguments], { cwd: root, env: { ...process.env, NO_COLOR: "1" } });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.once("close", (code, signal) => resolve({ code, signal, output: Buffer.concat(output).toString() }));
  });
}

let passed = 0;
for (let run = 1; run <= runs; run++) {
  const started = performance.now();
  const { code, signal, output } = await runSuite();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    process.stdout.write(output);
    console.log(`run ${run} of ${runs} failed (${signal ?? `exit code ${code}`}, ${seconds} s): its output is above`);
    break;
  }
  passed++;
  console.log(`run ${run} of ${runs} passed (${seconds} s)`);
}
console.log(`${passed} of ${runs} runs passed`);
process.exit(passed === runs ? 0 : 1);
