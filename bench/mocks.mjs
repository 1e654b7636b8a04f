// Benchmark: the stateful reference servers against Prism, side by side in one run, on the same
// contracts.
//   (a) ready: launch from the command line → first successful response, for both APIs; the
//       reference and Prism launched in turn (A B A B …) so that a drift in machine load falls on both
//   (b) `archive-kit --version` against a bare `node -e 0`, launched in turn the same way
//   (c) sustained requests per second under load on Intercom (archive + GET), and the server
//       process's peak memory (VmHWM)
// Run with `npm run bench:mocks` (builds first). (a) and (b) add a row to the start-up history of
// bench/RESULTS.md; (c) rewrites its mocks section. BENCH_STARTUP_ONLY=1 skips (c).
// BENCH_BASELINE=<folder> also launches the build in that folder (another checkout, `npm run build`
// done there), so that a change's before and after are measured in the same run.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { get } from "node:http";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../dist/mock/ports.js";
import { recordResults } from "./record.mjs";
import { appendStartupRow } from "./startup-history.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const baseline = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : undefined;
const TOKEN = "bench-token";
const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 5);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STARTUP_ONLY = process.env.BENCH_STARTUP_ONLY === "1";
const CONNECTIONS = 32;
const USERS = 200_000;

/** What a ready server answers with 200: a documented GET on a shipped fixture user, with its test-only token. */
const READY_PROBES = {
  intercom: { path: "/users/5714dd359a3fd47136000001", headers: { authorization: "Bearer test-only-intercom-token", accept: "application/json" } },
  dfns: { path: "/auth/users/us-4dm1n-0a1b2-3c4d5e6f7g8h9i0j", headers: { authorization: "Bearer test-only-dfns-admin-token", accept: "application/json" } },
};

/** Seed state large enough that every archive in the load run hits a live user. */
async function benchFixtures() {
  const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-bench-"));
  const users = Array.from({ length: USERS }, (_, i) => ({
    id: userId(i),
    user_id: `bench-${i}`,
    email: `bench-${i}@example.com`,
    name: `Bench User ${i}`,
    created_at: 1460985141,
  }));
  await writeFile(path.join(dir, "users.json"), JSON.stringify({ appId: "bench", users }));
  await writeFile(path.join(dir, "tokens.json"), JSON.stringify({ tokens: [{ token: TOKEN }] }));
  return dir;
}

function userId(i) {
  return `5714dd35${i.toString(16).padStart(16, "0")}`;
}

/** `archive-kit mock <api> --stateful` of the build in `packageDir`, as a user starts it. */
const reference = (packageDir, api) => (port, fixtures) => [
  path.join(packageDir, "dist/cli/main.js"),
  "mock", api, "--stateful", "--port", String(port),
  // Intercom's rate limit would refuse most of the load run.
  ...(api === "intercom" ? ["--rate-limit", "1000000000"] : []),
  ...(fixtures ? ["--fixtures", fixtures] : []),
];

const prism = (api) => (port) => [
  path.join(root, "node_modules/@stoplight/prism-cli/dist/index.js"),
  "mock", path.join(root, `openapi/${api}.yaml`), "--port", String(port), "--host", "127.0.0.1",
];

function launch(args) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "ignore"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return { child, stop: async () => { child.kill("SIGTERM"); await exited; } };
}

/** What both servers print once they listen: ours "… listening on <url>", Prism "Prism is listening on <url>". */
const LISTENING = /listening on http/;

/** Resolves once the server says it listens; rejects if it exits first (a port taken meanwhile, say). */
function announced(child) {
  return new Promise((resolve, reject) => {
    let output = "";
    const watch = (chunk) => {
      output += chunk;
      if (!LISTENING.test(output)) return;
      for (const stream of [child.stdout, child.stderr]) stream.off("data", watch).resume();
      child.off("exit", early);
      resolve();
    };
    const early = (code) => reject(new Error(`${child.spawnargs.join(" ")} exited (${code}) before listening:\n${output}`));
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.once("exit", early);
  });
}

/**
 * Milliseconds from spawning the server to its first 200 on the API's documented GET (wall), and
 * the CPU time the server had used by then (cpu): the one a loaded machine stretches, the other less.
 * The GET is sent once the server says it listens: polling while it starts would take CPU from it
 * on these two cores (polling every 2 ms added about 100 ms to the reference's 380 here).
 */
async function readyTime(makeArgs, probe) {
  const port = await freePort("127.0.0.1");
  const started = performance.now();
  const child = spawn(process.execPath, makeArgs(port), { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await announced(child);
  while ((await statusOf(port, probe)) !== 200) await new Promise((resolve) => setTimeout(resolve, 2));
  const wall = performance.now() - started;
  const cpu = (await cpuSeconds(child.pid)) * 1000;
  child.kill("SIGTERM");
  await exited;
  return { wall, cpu };
}

/**
 * The status a GET answers, undefined while nothing listens. node:http, not fetch: the probe must
 * cost the bench little CPU, which the server starting beside it on the same cores would lose.
 */
function statusOf(port, probe) {
  return new Promise((resolve) => {
    const request = get({ host: "127.0.0.1", port, path: probe.path, headers: probe.headers }, (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode));
    });
    request.once("error", () => resolve(undefined));
  });
}

/** Milliseconds from spawning `node args` to its exit. */
function runTime(args) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: "ignore" });
  return new Promise((resolve) => child.once("exit", () => resolve(performance.now() - started)));
}

/** Each of `measures` taken `times` times, in turn; the figures of each, in launch order. */
async function inTurn(measures, times) {
  const figures = measures.map(() => []);
  for (let i = 0; i < times; i++) {
    for (const [j, measure] of measures.entries()) figures[j].push(await measure());
  }
  return figures;
}

function peakMemoryMiB(pid) {
  return readFile(`/proc/${pid}/status`, "utf8").then((status) => Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024);
}

/** Sustained load with wrk (a C load generator, so the generator is not the bottleneck). */
async function throughput(makeArgs, fixtures) {
  const port = await freePort("127.0.0.1");
  const server = launch(makeArgs(port, fixtures));
  await waitForReady(port);
  const cpuBefore = await cpuSeconds(server.child.pid);
  const output = await run("wrk", [
    "--threads", "1", "--connections", String(CONNECTIONS), "--duration", `${DURATION_SECONDS}s`,
    "--script", path.join(root, "bench/archive-and-get.lua"), `http://127.0.0.1:${port}`,
  ], { ...process.env, BENCH_USERS: String(USERS) });
  const cpu = (await cpuSeconds(server.child.pid)) - cpuBefore;
  const peak = await peakMemoryMiB(server.child.pid);
  await server.stop();
  const requests = Number(/(\d+) requests in/.exec(output)[1]);
  const failed = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)[1]), ok: requests - failed, other: failed, peak, cpuMsPer1000: (cpu * 1e6) / requests };
}

function run(command, args, env, cwd) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, cwd }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/** User + system CPU seconds the process has used so far (Linux /proc). */
async function cpuSeconds(pid) {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function waitForReady(port) {
  const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/users/${userId(0)}`, { headers })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ms = (value) => `${value.toFixed(0)} ms`;
const walls = (launches) => launches.map((launch) => launch.wall);
const cpus = (launches) => launches.map((launch) => launch.cpu);
const launchList = (values) => `${values.map((value) => value.toFixed(0)).join(", ")} ms`;

/** The short commit of `dir`'s checkout, marked when its tree has changes not committed. */
async function commitOf(dir) {
  const commit = (await run("git", ["rev-parse", "--short", "HEAD"], process.env, dir)).trim();
  const dirty = (await run("git", ["status", "--porcelain", "--untracked-files=no"], process.env, dir)).trim() !== "";
  return dirty ? `${commit} + uncommitted changes` : commit;
}

const builds = [{ name: "this tree", dir: root, commit: await commitOf(root) }];
if (baseline) builds.push({ name: "baseline", dir: baseline, commit: await commitOf(baseline) });
const loadBefore = loadavg()[0];
// The row names the settings it ran with; a baseline by its commit, since its folder is local.
const commandLine = [
  ...["BENCH_STARTUP_ONLY", "BENCH_LAUNCHES", "BENCH_SECONDS"].filter((name) => process.env[name]).map((name) => `${name}=${process.env[name]}`),
  ...(baseline ? [`BENCH_BASELINE=<checkout of ${builds[1].commit}>`] : []),
  "npm run bench:mocks",
].join(" ");

// (a) For each API: every build's reference and Prism, in turn.
const ready = {};
for (const [api, probe] of Object.entries(READY_PROBES)) {
  const servers = [...builds.map((build) => reference(build.dir, api)), prism(api)];
  const figures = await inTurn(servers.map((makeArgs) => () => readyTime(makeArgs, probe)), LAUNCHES);
  ready[api] = { references: figures.slice(0, builds.length), prism: figures.at(-1) };
  const line = builds.map((build, i) => `reference (${build.name}) ${ms(median(walls(figures[i])))}`).join(", ");
  console.log(`${api} ready: ${line}, Prism ${ms(median(walls(ready[api].prism)))}`);
}

// (b) --version of every build, and a bare node, in turn.
const VERSION_RUNS = Math.max(LAUNCHES, 11);
const versionFigures = await inTurn(
  [...builds.map((build) => () => runTime([path.join(build.dir, "dist/cli/main.js"), "--version"])), () => runTime(["-e", "0"])],
  VERSION_RUNS,
);
const bareNode = median(versionFigures.at(-1));
console.log(`--version: ${builds.map((build, i) => `${build.name} ${ms(median(versionFigures[i]))}`).join(", ")}; node -e 0 ${ms(bareNode)}`);
const loadAfter = loadavg()[0];

for (const [i, build] of builds.entries()) {
  const api = (name) => {
    const [ours, theirs] = [ready[name].references[i], ready[name].prism];
    const [wall, cpu] = [walls, cpus].map((figure) => [median(figure(ours)), median(figure(theirs))]);
    return (
      `${ms(wall[0])} / ${ms(wall[1])} = **${(wall[1] / wall[0]).toFixed(1)}×** (${launchList(walls(ours))} / ${launchList(walls(theirs))}); ` +
      `CPU ${ms(cpu[0])} / ${ms(cpu[1])} = ${(cpu[1] / cpu[0]).toFixed(1)}×`
    );
  };
  const version = median(versionFigures[i]);
  await appendStartupRow([
    new Date().toISOString().slice(0, 16).replace("T", " "),
    `${build.commit}${build.name === "baseline" ? " (baseline)" : ""}`,
    `\`${commandLine}\``,
    `${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
    api("intercom"),
    api("dfns"),
    `${ms(version)} / ${ms(bareNode)} (+${(version - bareNode).toFixed(0)} ms)`,
  ]);
}

/** (c) Load on Intercom: this tree's reference and Prism; rewrites the mocks section. */
async function measureLoad() {
  const fixtures = await benchFixtures();
  const rows = [];
  // With a baseline, its reference is loaded too, between ours and Prism: a change's before and after in one run.
  const baselineRow = baseline ? [[`archive-kit reference at ${builds[1].commit} (baseline)`, reference(baseline, "intercom"), walls(ready.intercom.references[1])]] : [];
  for (const [name, makeArgs, launches] of [
    ["archive-kit reference (stateful)", reference(root, "intercom"), walls(ready.intercom.references[0])],
    ...baselineRow,
    ["Prism 5.14.2 (stateless mock)", prism("intercom"), walls(ready.intercom.prism)],
  ]) {
    const load = await throughput(makeArgs, fixtures);
    rows.push({ name, ready: median(launches), launches, ...load });
    console.log(`${name}: ${load.rps.toFixed(0)} req/s, ${load.cpuMsPer1000.toFixed(0)} CPU ms per 1,000 requests, peak ${load.peak.toFixed(0)} MiB`);
  }

  const [ours, theirs] = [rows[0], rows.at(-1)];
  const table = [
    "| server | ready (median of " + LAUNCHES + " launches) | all launches | requests/s | 2xx / other | server CPU per 1,000 requests | peak memory (VmHWM) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| ${row.name} | ${ms(row.ready)} | ${launchList(row.launches)} | ${row.rps.toFixed(0)} | ${row.ok} / ${row.other} | ${row.cpuMsPer1000.toFixed(0)} ms | ${row.peak.toFixed(0)} MiB |`,
    ),
    "",
    `The reference was ready ${(theirs.ready / ours.ready).toFixed(1)}× sooner than Prism (target ≥ 10×; both APIs: the start-up history below) and sustained ` +
      `${(ours.rps / theirs.rps).toFixed(1)}× its throughput (target ≥ 10×), using ${(theirs.cpuMsPer1000 / ours.cpuMsPer1000).toFixed(1)}× less CPU per request. ` +
      `Its peak memory holds the ${USERS.toLocaleString("en")} seeded users (Prism holds none).`,
  ];
  console.log(table.join("\n"));
  await recordResults("mocks", {
    command: "npm run bench:mocks",
    setup:
      `Both servers started from the command line on \`openapi/intercom.yaml\`. Ready = spawn to the first 200 on \`GET /users/{id}\` (shipped fixtures), sent once the server prints that it listens, median of ${LAUNCHES} launches, the two servers launched in turn. ` +
      `Load: wrk, 1 thread, ${CONNECTIONS} connections, ${DURATION_SECONDS} s, alternating \`DELETE /users/{id}\` (archive) and \`GET /users/{id}\` on live users (bench/archive-and-get.lua); ` +
      `the reference seeded with ${USERS.toLocaleString("en")} generated users and no rate limit. Needs \`wrk\` (Debian package \`wrk\`).`,
    table: table.join("\n"),
  });
}

if (!STARTUP_ONLY) await measureLoad();
