// Zero false alarms (issue 10, "Done when"): `archive-kit fuzz` against both embedded reference servers
// for many seeds, every operation (permanent deletes aside), N examples per property. Any failure is a
// false alarm of the generator, the verdicts or the reference: each is printed with its reason (the
// shrunk request's curl line) and the sweep exits 1. Runs `runFuzz` with what the CLI gives it (`fuzzDeps`), in this one
// process (process start not counted); requests are those sent through the API plugin's `prepare`.
//   node bench/fuzz-sweep.mjs [--seeds N (default 20: seeds 1..N)] [--max-examples N (default 500)] [--apis intercom,dfns]
// Run with `npm run bench:fuzz-sweep` (builds first). Results go to stdout and bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { runFuzz } from "../dist/fuzz/run-fuzz.js";
import { apiRegistry, fuzzDeps } from "../dist/wiring.js";
import { countingPlugin } from "./count-requests.mjs";
import { recordResults } from "./record.mjs";

const { values } = parseArgs({ options: { seeds: { type: "string", default: "20" }, "max-examples": { type: "string", default: "500" }, apis: { type: "string", default: "intercom,dfns" } } });
const SEEDS = Number(values.seeds);
const EXAMPLES = Number(values["max-examples"]);
const APIS = values.apis.split(",");
for (const [flag, value] of [["--seeds", SEEDS], ["--max-examples", EXAMPLES]]) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`fuzz-sweep: ${flag} must be a whole number of 1 or more`);
    process.exit(2);
  }
}

/** What `fuzz` builds for `api` (the engine, and generators following the plugin's fuzz settings), counting each request sent. */
function countingDeps(api, counter) {
  return fuzzDeps(countingPlugin(apiRegistry().get(api), () => counter.requests++));
}

const perSecond = (count, ms) => Math.round((count / ms) * 1000);
let falseAlarmCount = 0;
// One section of bench/RESULTS.md per API, written as soon as its seeds are done.
for (const api of APIS) {
  const loadBefore = loadavg()[0];
  const rows = [];
  const falseAlarms = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const counter = { requests: 0 };
    const started = performance.now();
    const result = await runFuzz({ seed, maxExamples: EXAMPLES }, await countingDeps(api, counter));
    const wallMs = performance.now() - started;
    const failed = result.cases.filter((item) => item.status === "failed");
    const skipped = result.cases.filter((item) => item.status === "skipped");
    for (const item of failed) falseAlarms.push(`seed ${seed}: ${item.id} — ${item.reason ?? item.title}`);
    rows.push({ seed, wallMs, requests: counter.requests, summary: result.summary, skipped: skipped.map((item) => `${item.id} (${item.reason})`) });
    console.log(`${api} seed ${seed}: ${result.summary.passed} passed, ${failed.length} failed, ${skipped.length} skipped; ${counter.requests} requests in ${(wallMs / 1000).toFixed(1)} s`);
    for (const item of failed) console.log(`  ✗ ${item.id} — ${item.reason ?? item.title}`);
  }
  falseAlarmCount += falseAlarms.length;
  const table = sweepTable(rows, falseAlarms, loadBefore);
  console.log(table);
  await recordResults(`fuzz-sweep ${api}`, {
    command: `npm run bench:fuzz-sweep -- --apis ${api}${SEEDS === 20 && EXAMPLES === 500 ? "" : ` --seeds ${SEEDS} --max-examples ${EXAMPLES}`}`,
    setup:
      `\`runFuzz({ seed, maxExamples: ${EXAMPLES} })\` — what \`archive-kit fuzz --api ${api} --seed <seed> --max-examples ${EXAMPLES}\` runs — against the embedded ${api} reference ` +
      `(client and server in one process) for seeds 1 to ${SEEDS}: every operation but the permanent deletes, ${EXAMPLES} valid and ${EXAMPLES} invalid requests each, and ${EXAMPLES} generated lifecycles and tamperings per property. ` +
      "A failure against the reference is a false alarm. Requests = requests sent through the API plugin's `prepare` (the signing exchanges Dfns sends before a signed request are not counted); requests/s = requests ÷ runFuzz wall.",
    table,
  });
}
process.exit(falseAlarmCount === 0 ? 0 : 1);

/** One API's figures: per seed, then the false alarms, the properties skipped (not checked, so neither passed nor failed) and the load. */
function sweepTable(rows, falseAlarms, loadBefore) {
  const requests = rows.reduce((sum, row) => sum + row.requests, 0);
  const wallMs = rows.reduce((sum, row) => sum + row.wallMs, 0);
  const runsSkipping = new Map();
  for (const row of rows) for (const skip of row.skipped) runsSkipping.set(skip, (runsSkipping.get(skip) ?? 0) + 1);
  return [
    "| seed | properties passed / failed / skipped | requests | wall | requests/s |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row.seed} | ${row.summary.passed} / ${row.summary.failed} / ${row.summary.skipped} | ${row.requests} | ${(row.wallMs / 1000).toFixed(1)} s | ${perSecond(row.requests, row.wallMs)} |`),
    `| all ${rows.length} | ${rows.reduce((sum, row) => sum + row.summary.failed, 0)} failed | ${requests} | ${(wallMs / 1000).toFixed(0)} s | ${perSecond(requests, wallMs)} |`,
    "",
    falseAlarms.length === 0 ? `**0 false alarms** in ${rows.length} seeds.` : `**${falseAlarms.length} false alarms:**\n\n${falseAlarms.map((line) => `- ${line}`).join("\n")}`,
    ...[...runsSkipping].map(([skip, runs]) => `\nSkipped in ${runs} of ${rows.length} seeds: ${skip}.`),
    "",
    `1-minute load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (2 cores shared with other work). \`uptime\`: ${execFileSync("uptime").toString().trim()}.`,
  ].join("\n");
}
