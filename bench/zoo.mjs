// npm run bench:zoo: every entry of the bug zoo (src/testing/zoo) in front of a fresh reference,
// `verify` (the shipped cases, examples/vars.yaml) and `fuzz --seed 1` at its defaults, both run on
// each; the table goes to bench/RESULTS.md between the zoo markers. ZOO_ONLY=<regex> runs a subset
// and prints the table without writing it.
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { ZOO } from "../dist/testing/zoo/index.js";
import { runZooEntry, ZOO_SEED } from "../dist/testing/zoo/run.js";
import { zooTable, tally } from "../dist/testing/zoo/table.js";

const only = process.env.ZOO_ONLY ? new RegExp(process.env.ZOO_ONLY) : undefined;
const started = new Date();
const runs = [];
for (const entry of ZOO.filter((candidate) => !only || only.test(candidate.id))) {
  const began = performance.now();
  const run = await runZooEntry(entry, { verify: true, fuzz: true });
  runs.push({ entry, run });
  console.error(`${entry.id}: verify ${run.verify.code}, fuzz ${run.fuzz.code} (${Math.round(performance.now() - began)} ms)`);
}
const table = zooTable(runs);
console.log(table);
const totals = tally(runs);
if (!only) {
  const section = [
    "<!-- zoo:start -->",
    "## zoo",
    "",
    `Command: \`npm run bench:zoo\` (run ${started.toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}, ${os.cpus().length} cores) — test/zoo/zoo.test.ts fails when this table no longer matches what the zoo finds.`,
    "",
    `Each entry is a mutating proxy in front of a fresh reference server (src/testing/zoo/). Per entry, at the same time: \`archive-kit verify --api <api> --base-url <proxy> --vars examples/vars.yaml\` and \`archive-kit fuzz --api <api> --base-url <proxy> --seed ${ZOO_SEED}\`, with the fixtures' credentials: the defaults a user runs against their server. A bug is caught when either exits 1; a control passes when both exit 0.`,
    "",
    table,
    "<!-- zoo:end -->",
  ].join("\n");
  const results = await readFile(new URL("RESULTS.md", import.meta.url), "utf8");
  const marked = /<!-- zoo:start -->[\s\S]*?<!-- zoo:end -->/;
  await writeFile(new URL("RESULTS.md", import.meta.url), marked.test(results) ? results.replace(marked, section) : `${results.trimEnd()}\n\n${section}\n`);
}
process.exitCode = totals.missed.length > 0 || totals.falseAlarms.length > 0 ? 1 : 0;
