// Benchmark: `archive-kit verify` against Dredd 14.1.0, side by side in one run, on the same
// contracts and reference servers, and the conformance runner's throughput on a large case set.
//   (a) the whole suite for both APIs, cold from the command line (embedded reference): wall time
//       and peak memory, median of several runs
//   (b) Dredd replaying the documented examples of the same contracts (rendered as OpenAPI 3.0 by
//       bench/to-openapi-3.0.mjs) against the reference servers started from the command line;
//       archive-kit against those same servers too, for a like-for-like row
//   (c) checked cases per second: thousands of copies of the Intercom cases through runConformance
//       against the embedded reference, at several concurrencies, and at concurrency 8 against a
//       reference in its own process (`mock intercom --stateful --quiet`, what `verify --base-url` meets)
// Run with `npm run bench:verify` (builds first). Results go to stdout and bench/RESULTS.md.
// Dredd is not a dependency: it is installed once into <tmpdir>/archive-kit-dredd-14.1.0.
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dump, load } from "js-yaml";
import { loadContract } from "../dist/contract/index.js";
import { apiRegistry } from "../dist/wiring.js";
import { startCliReference } from "./cli-reference.mjs";
import { convertContracts } from "./to-openapi-3.0.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = path.join(root, "dist/cli/main.js");
const CLI_RUNS = Number(process.env.BENCH_VERIFY_RUNS ?? 5);
const DREDD_RUNS = Number(process.env.BENCH_DREDD_RUNS ?? 3);
const CASES = Number(process.env.BENCH_CASES ?? 5000);
const CONCURRENCIES = [1, 8, 16];
const DREDD_VERSION = "14.1.0";
const DREDD_PREFIX = path.join(tmpdir(), `archive-kit-dredd-${DREDD_VERSION}`);
const GNU_TIME = "/usr/bin/time";
const APIS = ["intercom", "dfns"];

/** The credentials and variables that fit an API's shipped reference fixtures. */
async function referenceSetup(api) {
  const plugin = apiRegistry().get(api);
  return plugin.conformance.referenceSetup(plugin.loadFixtures(plugin.fixturesDir, await loadContract(plugin.contractFile)));
}

// ── (c) runs in a child process of its own, one per concurrency, so that each is as cold as the others.
if (process.argv[2] === "--throughput-child") {
  const [casesDir, concurrency, baseUrl] = [process.argv[3], Number(process.argv[4]), process.argv[5]];
  const { runConformance } = await import("../dist/wiring.js");
  // With a base URL: the reference server the parent started from the command line (its own process).
  const target = baseUrl ? { baseUrl, ...(await referenceSetup("intercom")) } : {};
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await runConformance({ api: "intercom", casesDir, concurrency, ...target });
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ ...result.summary, cases: result.cases.length, wallMs, runMs: result.summary.durationMs, cpuMs: (used.user + used.system) / 1000 }));
  process.exit(0);
}

const setups = Object.fromEntries(await Promise.all(APIS.map(async (api) => [api, await referenceSetup(api)])));
const work = await mkdtemp(path.join(tmpdir(), "archive-kit-bench-verify-"));
const hasGnuTime = await gnuTimeInstalled();
if (!hasGnuTime) console.log(`${GNU_TIME} (GNU time) not found: peak memory is not measured — install the Debian package \`time\`.`);
const loadBefore = loadavg()[0];
const uptimeBefore = execFileSync("uptime").toString().trim();

/** Runs a command to its end; wall time from here, peak memory (max RSS) from GNU time. */
async function timed(command, args, { cwd = root } = {}) {
  const memoryFile = path.join(work, "time.out");
  const [program, argv] = hasGnuTime ? [GNU_TIME, ["-f", "%M", "-o", memoryFile, command, ...args]] : [command, args];
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise((resolve) => {
    execFile(program, argv, { cwd, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr }),
    );
  });
  const ms = performance.now() - started;
  const peakMiB = hasGnuTime ? Number(/(\d+)\s*$/.exec(await readFile(memoryFile, "utf8"))?.[1]) / 1024 : NaN;
  return { ms, peakMiB, code, stdout, stderr };
}

async function gnuTimeInstalled() {
  if (!existsSync(GNU_TIME)) return false;
  return new Promise((resolve) => execFile(GNU_TIME, ["--version"], (_error, stdout, stderr) => resolve(/GNU/.test(stdout + stderr))));
}

/** A reference server started from the command line (`mock <api> --stateful --quiet`). */
const startServer = (api) => startCliReference(cli, api, { cwd: root });

/** Fresh servers for both APIs (every tool run archives users and spends nonces), then `run`. */
async function withServers(run) {
  const servers = Object.fromEntries(await Promise.all(APIS.map(async (api) => [api, await startServer(api)])));
  try {
    return await run(servers);
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mib = (value) => (Number.isNaN(value) ? "n/a" : `${value.toFixed(0)} MiB`);

function verifyTotals(output) {
  const match = [...output.matchAll(/(\d+) passed, (\d+) failed, (\d+) skipped/g)].at(-1);
  if (!match) throw new Error(`no "N passed, N failed, N skipped" line in:\n${output}`);
  return { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3]) };
}

// ── (a) the whole suite, cold from the command line, embedded reference for both APIs
const cold = [];
for (let i = 0; i < CLI_RUNS; i++) {
  const run = await timed(process.execPath, [cli, "verify"]);
  if (run.code !== 0) throw new Error(`archive-kit verify exited with ${run.code}:\n${run.stdout}${run.stderr}`);
  cold.push({ ...run, totals: verifyTotals(run.stdout) });
}
const coldTotals = cold.at(-1).totals;
console.log(`archive-kit verify (embedded): ${seconds(median(cold.map((run) => run.ms)))}, peak ${mib(median(cold.map((run) => run.peakMiB)))}, ${coldTotals.passed} passed, ${coldTotals.failed} failed, ${coldTotals.skipped} skipped`);

// ── (b) archive-kit and Dredd against the reference servers started from the command line
const varsFiles = {};
for (const api of APIS) {
  varsFiles[api] = path.join(work, `vars-${api}.yaml`);
  await writeFile(varsFiles[api], dump(setups[api].variables));
}
const dfns = setups.dfns.credentials;
const credentialFlags = {
  intercom: ["--intercom-token", setups.intercom.credentials.token],
  dfns: ["--dfns-token", dfns.token, "--dfns-credential-id", dfns.credentialId, "--dfns-private-key", dfns.privateKeyFile, ...(dfns.appId ? ["--dfns-app-id", dfns.appId] : [])],
};

/** One round: both APIs one after the other against fresh servers; wall times add up, peak is the larger. */
async function round(runOne) {
  return withServers(async (servers) => {
    const perApi = {};
    for (const api of APIS) perApi[api] = await runOne(api, servers[api].url);
    return { ms: APIS.reduce((sum, api) => sum + perApi[api].ms, 0), peakMiB: Math.max(...APIS.map((api) => perApi[api].peakMiB)), perApi };
  });
}

const sameServers = [];
for (let i = 0; i < CLI_RUNS; i++) {
  sameServers.push(
    await round(async (api, url) => {
      const run = await timed(process.execPath, [cli, "verify", "--api", api, "--base-url", url, ...credentialFlags[api], "--vars", varsFiles[api]]);
      if (run.code !== 0) throw new Error(`archive-kit verify --api ${api} --base-url ${url} exited with ${run.code}:\n${run.stdout}${run.stderr}`);
      return { ...run, totals: verifyTotals(run.stdout) };
    }),
  );
}
const sameTotals = Object.fromEntries(APIS.map((api) => [api, sameServers.at(-1).perApi[api].totals]));
console.log(`archive-kit verify --base-url (CLI servers): ${seconds(median(sameServers.map((run) => run.ms)))}, peak ${mib(median(sameServers.map((run) => run.peakMiB)))}`);

async function installDredd() {
  const packageJson = path.join(DREDD_PREFIX, "node_modules/dredd/package.json");
  const installed = existsSync(packageJson) && JSON.parse(await readFile(packageJson, "utf8")).version === DREDD_VERSION;
  if (!installed) {
    console.log(`installing dredd@${DREDD_VERSION} into ${DREDD_PREFIX} …`);
    await new Promise((resolve, reject) =>
      execFile("npm", ["install", "--prefix", DREDD_PREFIX, "--no-audit", "--no-fund", "--loglevel=error", `dredd@${DREDD_VERSION}`], (error, _stdout, stderr) =>
        error ? reject(new Error(`npm install dredd@${DREDD_VERSION} failed:\n${stderr}`)) : resolve(),
      ),
    );
  }
  return path.join(DREDD_PREFIX, "node_modules/dredd/bin/dredd");
}

/** Dredd's own verdict: its summary line, and why its failing transactions failed. */
function dreddResults(output) {
  const summary = /complete: (\d+) passing, (\d+) failing, (\d+) errors, (\d+) skipped, (\d+) total/.exec(output);
  if (!summary) throw new Error(`no Dredd summary line in:\n${output.slice(-3000)}`);
  const [passing, failing, errors, skipped, total] = summary.slice(1).map(Number);
  // Failed transactions are listed again, with details, after "Displaying failed tests".
  const details = output.split(/Displaying failed tests\.*\n/)[1] ?? "";
  const blocks = details.split(/^fail: (?=\S+ \(\d{3}\) )/m).slice(1);
  const expectedNon2xx = blocks.filter((block) => !/^\S+ \(2\d\d\)/.test(block)).length;
  const statusDiffered = blocks.filter((block) => /statusCode: Expected status code/.test(block)).length;
  const contentType = blocks.filter((block) => /At '\/content-type' No enum match/.test(block)).length;
  const body = blocks.filter((block) => /^(fail: )?body: At '/m.test(block)).length;
  const got400 = blocks.filter((block) => /but got '400'/.test(block)).length;
  // Dfns: the contract's example X-DFNS-NONCE (seed era, dated 2023) is refused as stale by the reference.
  const staleNonce = blocks.filter((block) => /request nonce is missing or invalid/.test(block)).length;
  return { passing, failing, errors, skipped, total, expectedNon2xx, statusDiffered, contentType, body, got400, staleNonce };
}

const dreddBin = await installDredd();
const openapi30 = await convertContracts(path.join(work, "openapi-3.0"), { parameterExample: true });
const dreddCwd = await mkdtemp(path.join(work, "dredd-cwd-")); // no dredd.yml there
const dredd = [];
for (let i = 0; i < DREDD_RUNS; i++) {
  dredd.push(
    await round(async (api, url) => {
      const run = await timed(
        process.execPath,
        [dreddBin, openapi30[api], url, "--header", `Authorization: Bearer ${setups[api].credentials.token}`, "--header", "Accept: application/json", "--loglevel=error", "--no-color"],
        { cwd: dreddCwd },
      );
      return { ...run, results: dreddResults(run.stdout + run.stderr) };
    }),
  );
}
const dreddLast = Object.fromEntries(APIS.map((api) => [api, dredd.at(-1).perApi[api].results]));
console.log(`Dredd ${DREDD_VERSION} (CLI servers): ${seconds(median(dredd.map((run) => run.ms)))}, peak ${mib(median(dredd.map((run) => run.peakMiB)))}, ` +
  APIS.map((api) => `${api} ${dreddLast[api].passing} passing / ${dreddLast[api].failing} failing of ${dreddLast[api].total}`).join(", "));

// ── (c) throughput on a repeated large case set
async function generateCases(count) {
  const source = path.join(root, "conformance/intercom");
  const templates = [];
  for (const name of (await readdir(source)).filter((file) => file.endsWith(".yaml")).sort()) {
    const text = await readFile(path.join(source, name), "utf8");
    // The set runConformance selects by default: permanent deletion is opt-in.
    if (!load(text).tags.includes("permanent-delete")) templates.push({ name, text });
  }
  const dir = await mkdtemp(path.join(work, "cases-"));
  for (let i = 0; i < count; i++) {
    const { name, text } = templates[i % templates.length];
    const copy = Math.floor(i / templates.length);
    // A distinct case id, and distinct users: each copy creates its own (`ak-<run>-r<copy>-…`).
    const renamed = text
      .replace(/^id: (\S+)$/m, `id: $1-r${copy}`)
      .replaceAll(/\{\{\s*run\.id\s*\}\}/g, `{{ run.id }}-r${copy}`);
    await writeFile(path.join(dir, `r${String(copy).padStart(4, "0")}-${name}`), renamed);
  }
  return { dir, files: templates.length };
}

const generated = await generateCases(CASES);
async function throughputRun(concurrency, server) {
  const args = [fileURLToPath(import.meta.url), "--throughput-child", generated.dir, String(concurrency), ...(server ? [server.url] : [])];
  const serverCpu = server?.cpuMs();
  const run = await timed(process.execPath, args);
  const serverCpuMs = server ? server.cpuMs() - serverCpu : undefined;
  if (run.code !== 0) throw new Error(`the throughput run (concurrency ${concurrency}) exited with ${run.code}:\n${run.stdout}${run.stderr}`);
  const result = JSON.parse(run.stdout.trim().split("\n").at(-1));
  const row = { concurrency, separate: Boolean(server), ...result, perSecond: result.cases / (result.wallMs / 1000), runPerSecond: result.cases / (result.runMs / 1000), peakMiB: run.peakMiB, serverCpuMs };
  console.log(`runConformance, ${row.cases} cases, concurrency ${concurrency}${server ? ", reference in its own process" : ""}: ` +
    `${row.perSecond.toFixed(0)} cases/s (${seconds(row.wallMs)}; running alone ${row.runPerSecond.toFixed(0)} cases/s), peak ${mib(row.peakMiB)}`);
  return row;
}

const throughput = [];
for (const concurrency of CONCURRENCIES) throughput.push(await throughputRun(concurrency));
// The same at concurrency 8 with the reference in a process of its own (the machine's second core): `mock --stateful` + `verify --base-url`.
const server = await startServer("intercom");
try {
  throughput.push(await throughputRun(8, server));
} finally {
  await server.stop();
}
const loadAfter = loadavg()[0];
const uptimeAfter = execFileSync("uptime").toString().trim();

// ── results
const coldMs = median(cold.map((run) => run.ms));
const sameMs = median(sameServers.map((run) => run.ms));
const dreddMs = median(dredd.map((run) => run.ms));
const all = (runs) => runs.map((run) => (run.ms / 1000).toFixed(2)).join(", ") + " s";
const totals = (t) => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
const at8 = throughput.find((row) => row.concurrency === 8 && !row.separate);
const separate8 = throughput.find((row) => row.separate);
const perCase = (ms, row) => `${(ms / row.cases).toFixed(2)} ms`;
const met = (ok) => (ok ? "met" : "**not met**");
const dreddWhy = (r) =>
  `${r.total} transactions (one per documented response status), ${r.passing} passing, ${r.failing} failing, ${r.errors} errors; of the failing: ` +
  `${r.expectedNon2xx} expect a 4xx/5xx status for the same example request, ${r.statusDiffered} got another status than expected` +
  `${r.got400 ? ` (${r.got400} got 400)` : ""}${r.staleNonce ? `, ${r.staleNonce} answered 400 "request nonce is missing or invalid" (Dredd sends the contract's example \`X-DFNS-NONCE\`, dated 2023-05-04; the reference wants one from the last 5 minutes, used once)` : ""}, ${r.contentType} rejected \`Content-Type: application/json; charset=utf-8\`, ${r.body} failed Dredd's body check`;

const table = [
  `| run | wall (median of N) | all runs | peak memory (max RSS, median) | verdict |`,
  `| --- | --- | --- | --- | --- |`,
  `| (a) archive-kit \`verify\`, both APIs, embedded reference | ${seconds(coldMs)} (N=${CLI_RUNS}) | ${all(cold)} | ${mib(median(cold.map((run) => run.peakMiB)))} | ${totals(coldTotals)} |`,
  `| archive-kit \`verify --base-url\`, one process per API, CLI-started servers | ${seconds(sameMs)} (N=${CLI_RUNS}) | ${all(sameServers)} | ${mib(median(sameServers.map((run) => run.peakMiB)))} | ${APIS.map((api) => `${api}: ${totals(sameTotals[api])}`).join("; ")} |`,
  `| (b) Dredd ${DREDD_VERSION}, one process per API, CLI-started servers | ${seconds(dreddMs)} (N=${DREDD_RUNS}) | ${all(dredd)} | ${mib(median(dredd.map((run) => run.peakMiB)))} | ${APIS.map((api) => `${api}: ${dreddLast[api].passing} passing, ${dreddLast[api].failing} failing of ${dreddLast[api].total}`).join("; ")} |`,
  "",
  `(a) The whole suite from the command line took ${seconds(coldMs)} (target < 2 s: ${met(coldMs < 2000)}). ` +
    `(b) Dredd took ${(dreddMs / coldMs).toFixed(1)}× as long as (a) (target: archive-kit ≥ 3× faster: ${met(dreddMs >= 3 * coldMs)}), ` +
    `and ${(dreddMs / sameMs).toFixed(1)}× as long as archive-kit on the same servers with the same two-process setup.`,
  "",
  ...APIS.map((api) => `Dredd, ${api}: ${dreddWhy(dreddLast[api])}.`),
  "",
  `| (c) concurrency | cases | passed / failed / skipped | runConformance wall | checked cases/s | running alone (without loading) | CPU per case: runner process + reference process | peak memory (max RSS) |`,
  `| --- | --- | --- | --- | --- | --- | --- | --- |`,
  ...throughput.map(
    (row) =>
      `| ${row.concurrency}${row.separate ? ", reference in its own process (CLI)" : ""} | ${row.cases.toLocaleString("en")} | ${row.passed} / ${row.failed} / ${row.skipped} | ${seconds(row.wallMs)} | ${row.perSecond.toFixed(0)} | ${row.runPerSecond.toFixed(0)} cases/s in ${seconds(row.runMs)} | ${perCase(row.cpuMs, row)}${row.separate ? ` + ${perCase(row.serverCpuMs, row)}` : " (the same process)"} | ${mib(row.peakMiB)} |`,
  ),
  "",
  `(c) At concurrency 8, ${at8.perSecond.toFixed(0)} checked cases per second (target ≥ 2,000: ${met(at8.perSecond >= 2000)}); ` +
    `the runConformance wall includes loading and checking the ${at8.cases.toLocaleString("en")} case files (${seconds(at8.wallMs - at8.runMs)}) and starting the embedded reference. ` +
    `With the reference in its own process, ${separate8.perSecond.toFixed(0)} cases/s (${met(separate8.perSecond >= 2000)}): ` +
    `${perCase(separate8.cpuMs, separate8)} of CPU per case in the runner's process and ${perCase(separate8.serverCpuMs, separate8)} in the reference's, so two free cores would give at most ` +
    `${(separate8.cases / (Math.max(separate8.cpuMs, separate8.serverCpuMs) / 1000)).toFixed(0)} cases/s.`,
];
console.log(table.join("\n"));

const { recordResults } = await import("./record.mjs");
await recordResults("verify", {
  command: "npm run bench:verify",
  setup:
    `(a) \`node dist/cli/main.js verify\` (both APIs, the embedded reference servers started in-process, shipped cases), cold: a new process per run, median of ${CLI_RUNS}. ` +
    `(b) Dredd ${DREDD_VERSION} (installed into \`<tmpdir>/archive-kit-dredd-${DREDD_VERSION}\`) on \`openapi/*.yaml\` rendered as OpenAPI 3.0.3 by bench/to-openapi-3.0.mjs ` +
    `(parameters' first documented example as \`example\`, which Dredd needs to build URLs), \`--header "Authorization: Bearer <fixture token>" --header "Accept: application/json" --loglevel=error\`, ` +
    `against \`archive-kit mock <api> --stateful\` started from the command line, fresh servers for each round, median of ${DREDD_RUNS}; Dredd cannot sign Dfns user actions. ` +
    `The same-servers archive-kit row runs \`verify --api <api> --base-url <url>\` with the fixture credentials and \`--vars\`, median of ${CLI_RUNS}. ` +
    `Server start-up is not counted for the two CLI-server rows; it is for (a). Wall = the processes' sum; memory = GNU time's maximum resident set size of the larger process. ` +
    `(c) ${CASES.toLocaleString("en")} cases: the ${generated.files} default-selected Intercom case files copied with distinct ids (\`intercom/<case>-r<copy>\`) and users, ` +
    `run by \`runConformance({ api: "intercom", casesDir, concurrency })\` against the embedded reference (client and server share one process), one new process per run; ` +
    `the last row passes \`baseUrl\`, credentials and variables for a reference started from the command line instead (\`node dist/cli/main.js mock intercom --stateful --port <free> --quiet --rate-limit 1000000000\`). cases/s = cases ÷ wall of the call. ` +
    "CPU per case = CPU time (user + system) during the call ÷ cases, of the runner's process and of the reference's (read from /proc). " +
    `Load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (2 cores shared with other work); \`uptime\` before: ${uptimeBefore}; after: ${uptimeAfter}.`,
  table: table.join("\n"),
});

await rm(work, { recursive: true, force: true });
