// Benchmark: does issuing user action challenges stay O(1)? Three consecutive 10-second loads of
// `POST /auth/action/init` against one Dfns reference server (started from the command line); the
// challenges of each load stay pending (never signed) for the next. Throughput should stay flat.
//   BENCH_SECONDS   length of each load (default 10)
//   BENCH_BEFORE_CLI  path to another build's dist/cli/main.js, measured the same way first (e.g. the
//                   commit before the fix, built in a git worktree) and shown as a row of its own
// Run with `npm run bench:abuse` (builds first). Results go to stdout and bench/RESULTS.md.
import { spawn } from "node:child_process";
import http from "node:http";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../dist/mock/ports.js";
import { recordResults } from "./record.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LOADS = 3;
const CONNECTIONS = 32;
const TOKEN = "test-only-dfns-admin-token";
const BODY = JSON.stringify({ userActionPayload: "{}", userActionHttpMethod: "DELETE", userActionHttpPath: "/auth/users/us-3mp1y-00001-0a1b2c3d4e5f6g7h" });

const builds = [
  ...(process.env.BENCH_BEFORE_CLI ? [{ name: `before (${process.env.BENCH_BEFORE_LABEL ?? process.env.BENCH_BEFORE_CLI})`, cli: process.env.BENCH_BEFORE_CLI }] : []),
  { name: "this tree", cli: path.join(root, "dist/cli/main.js") },
];

async function startServer(cli) {
  const port = await freePort("127.0.0.1");
  const child = spawn(process.execPath, [cli, "mock", "dfns", "--stateful", "--port", String(port)], { stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  for (let attempt = 0; attempt < 500; attempt++) {
    if ((await post(port, new http.Agent()).catch(() => 0)) === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { port, stop: async () => { child.kill("SIGTERM"); await exited; } };
}

function post(port, agent) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method: "POST", path: "/auth/action/init", agent, headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode));
    });
    request.on("error", reject);
    request.end(BODY);
  });
}

/** `CONNECTIONS` keep-alive connections, each sending its next request when the last is answered. */
async function load(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const statuses = {};
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < deadline) {
      const status = await post(port, agent).catch(() => "error");
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return { rps: total / elapsed, ok: statuses[200] ?? 0, other: total - (statuses[200] ?? 0) };
}

const rows = [];
const loadBefore = loadavg()[0];
for (const build of builds) {
  const server = await startServer(build.cli);
  const loads = [];
  for (let i = 0; i < LOADS; i++) loads.push(await load(server.port));
  await server.stop();
  rows.push({ ...build, loads });
  console.log(`${build.name}: ${loads.map((row) => `${row.rps.toFixed(0)} req/s (${row.ok} × 200, ${row.other} other)`).join(" → ")}`);
}

const table = [
  `| build | ${Array.from({ length: LOADS }, (_, i) => `load ${i + 1} requests/s (200 / other)`).join(" | ")} | last ÷ first |`,
  `| --- | ${Array.from({ length: LOADS }, () => "---").join(" | ")} | --- |`,
  ...rows.map((row) => `| ${row.name} | ${row.loads.map((load) => `${load.rps.toFixed(0)} (${load.ok} / ${load.other})`).join(" | ")} | ${(row.loads.at(-1).rps / row.loads[0].rps).toFixed(2)} |`),
  "",
  `1-minute load average ${loadBefore.toFixed(2)} when the run started, ${loadavg()[0].toFixed(2)} when it ended (2 cores are shared with other work; compare the rows, not the absolute figures).`,
];
console.log(table.join("\n"));
await recordResults("abuse", {
  command: process.env.BENCH_BEFORE_CLI ? "BENCH_BEFORE_CLI=<older build>/dist/cli/main.js npm run bench:abuse" : "npm run bench:abuse",
  setup:
    `The Dfns reference started from the command line with its shipped fixtures; ${LOADS} consecutive ${SECONDS}-second loads of \`POST /auth/action/init\` ` +
    `(admin token, a 2-byte payload) on ${CONNECTIONS} keep-alive connections from a Node load generator on the same machine; no challenge is ever signed, ` +
    "so every load starts with the previous loads' challenges pending. Flat throughput across the loads means issuing a challenge does not depend on how many are pending.",
  table: table.join("\n"),
});
