// Benchmark: the stateful reference server against Prism, side by side in one run, on the same
// contract (openapi/intercom.yaml) and the same archive + GET workload.
//   (a) ready: launch from the command line → first successful response (median of several launches)
//   (b) sustained requests per second under load, and the server process's peak memory (VmHWM)
// Run with `npm run bench:mocks` (builds first). Results go to stdout and bench/RESULTS.md.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../dist/mock/ports.js";
import { recordResults } from "./record.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const TOKEN = "bench-token";
const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 5);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
const USERS = 200_000;

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

const servers = {
  "archive-kit reference (stateful)": (port, fixtures) => [
    path.join(root, "dist/cli/main.js"),
    "mock", "intercom", "--stateful", "--port", String(port), "--rate-limit", "1000000000",
    ...(fixtures ? ["--fixtures", fixtures] : []),
  ],
  "Prism 5.14.2 (stateless mock)": (port) => [
    path.join(root, "node_modules/@stoplight/prism-cli/dist/index.js"),
    "mock", path.join(root, "openapi/intercom.yaml"), "--port", String(port), "--host", "127.0.0.1",
  ],
};

const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };
// Readiness is measured with the shipped fixtures: their token and the documented user.
const readyHeaders = { authorization: "Bearer test-only-intercom-token", accept: "application/json" };
const DOCUMENTED_USER = "5714dd359a3fd47136000001";

function launch(args) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "ignore"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return { child, stop: async () => { child.kill("SIGTERM"); await exited; } };
}

/** Milliseconds from spawning the server to its first 200 on a documented GET. */
async function readyTime(makeArgs) {
  const port = await freePort("127.0.0.1");
  const started = performance.now();
  const server = launch(makeArgs(port));
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/users/${DOCUMENTED_USER}`, { headers: readyHeaders });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const elapsed = performance.now() - started;
  await server.stop();
  return elapsed;
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

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/** User + system CPU seconds the process has used so far (Linux /proc). */
async function cpuSeconds(pid) {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function waitForReady(port) {
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

const fixtures = await benchFixtures();
const rows = [];
for (const [name, makeArgs] of Object.entries(servers)) {
  const launches = [];
  // The ready time uses the shipped fixtures (7 users); the load run the large generated set.
  for (let i = 0; i < LAUNCHES; i++) launches.push(await readyTime(makeArgs));
  const load = await throughput(makeArgs, fixtures);
  rows.push({ name, ready: median(launches), launches, ...load });
  console.log(`${name}: ready ${median(launches).toFixed(0)} ms, ${load.rps.toFixed(0)} req/s, ${load.cpuMsPer1000.toFixed(0)} CPU ms per 1,000 requests, peak ${load.peak.toFixed(0)} MiB`);
}

const [ours, prism] = rows;
const table = [
  "| server | ready (median of " + LAUNCHES + " launches) | all launches | requests/s | 2xx / other | server CPU per 1,000 requests | peak memory (VmHWM) |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (row) =>
      `| ${row.name} | ${row.ready.toFixed(0)} ms | ${row.launches.map((ms) => ms.toFixed(0)).join(", ")} ms | ${row.rps.toFixed(0)} | ${row.ok} / ${row.other} | ${row.cpuMsPer1000.toFixed(0)} ms | ${row.peak.toFixed(0)} MiB |`,
  ),
  "",
  `The reference was ready ${(prism.ready / ours.ready).toFixed(1)}× sooner than Prism (target ≥ 8×) and sustained ` +
    `${(ours.rps / prism.rps).toFixed(1)}× its throughput (target ≥ 10×), using ${(prism.cpuMsPer1000 / ours.cpuMsPer1000).toFixed(1)}× less CPU per request. ` +
    `Its peak memory holds the ${USERS.toLocaleString("en")} seeded users (Prism holds none).`,
];
console.log(table.join("\n"));
await recordResults("mocks", {
  command: "npm run bench:mocks",
  setup:
    `Both servers started from the command line on \`openapi/intercom.yaml\`. Ready = spawn to the first 200 on \`GET /users/{id}\` (shipped fixtures), median of ${LAUNCHES} launches. ` +
    `Load: wrk, 1 thread, ${CONNECTIONS} connections, ${DURATION_SECONDS} s, alternating \`DELETE /users/{id}\` (archive) and \`GET /users/{id}\` on live users (bench/archive-and-get.lua); ` +
    `the reference seeded with ${USERS.toLocaleString("en")} generated users and no rate limit. Needs \`wrk\` (Debian package \`wrk\`).`,
  table: table.join("\n"),
});
