// Benchmark: what a validating proxy costs. The same reads of the Intercom reference are sent
// directly, through `archive-kit proxy`, and through Prism 5.14's `proxy`, in one run, in turn
// (direct, ours, Prism, round after round) so that a drift in machine load falls on all three:
//   (a) latency: one request at a time on one keep-alive connection; median and p99, and what
//       each proxy adds to the direct median
//   (b) throughput: CONNECTIONS requests in flight, requests per second
// Run with `npm run bench:proxy` (builds first); writes the proxy section of bench/RESULTS.md.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../dist/mock/ports.js";
import { recordResults } from "./record.mjs";

const require = createRequire(import.meta.url);
const { Pool } = require("undici");
const root = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 1000);
const LOADED = Number(process.env.BENCH_LOADED ?? 4000);
const CONNECTIONS = 8;
const TOKEN = "test-only-intercom-token";
/** Two documented reads of a shipped fixture user: by id, and by user_id. */
const READS = ["/users/5714dd359a3fd47136000001", "/users?user_id=25"];
const HEADERS = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };

const cli = path.join(root, "dist/cli/main.js");
const prismCli = path.join(root, "node_modules/@stoplight/prism-cli/dist/index.js");

/** Starts `node args` and resolves once it prints `ready`; its output is drained, as a terminal would. */
function start(args, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const watch = (chunk) => {
      output += chunk;
      if (ready.test(output)) {
        output = "";
        resolve({ stop: () => new Promise((done) => (child.once("exit", done), child.kill("SIGINT"))) });
      } else if (output.length > 65_536) output = output.slice(-4096);
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited (${code}) before it was ready:\n${output}`)));
  });
}

async function send(pool, index) {
  const { statusCode, body } = await pool.request({ method: "GET", path: READS[index % READS.length], headers: HEADERS });
  await body.dump();
  if (statusCode !== 200) throw new Error(`${READS[index % READS.length]} answered ${statusCode}`);
}

async function latencies(url) {
  const pool = new Pool(url, { connections: 1 });
  const times = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const started = performance.now();
    await send(pool, i);
    times.push(performance.now() - started);
  }
  await pool.close();
  return times.sort((a, b) => a - b);
}

async function throughput(url) {
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1 });
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (next < LOADED) await send(pool, next++);
  }));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return LOADED / seconds;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const upstreamPort = await freePort("127.0.0.1");
const upstream = await start([cli, "mock", "intercom", "--stateful", "--quiet", "--rate-limit", "1000000000", "--port", String(upstreamPort)], /listening on http/);
const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
const oursPort = await freePort("127.0.0.1");
const ours = await start([cli, "proxy", "--api", "intercom", "--upstream", upstreamUrl, "--port", String(oursPort)], /archive-kit proxy: intercom at/);
const prismPort = await freePort("127.0.0.1");
const prism = await start([prismCli, "proxy", path.join(root, "openapi/intercom.yaml"), upstreamUrl, "--port", String(prismPort), "--host", "127.0.0.1"], /Prism is listening/);
const targets = { direct: upstreamUrl, "archive-kit proxy": `http://127.0.0.1:${oursPort}`, "Prism 5.14.2 proxy": `http://127.0.0.1:${prismPort}` };

const figures = Object.fromEntries(Object.keys(targets).map((name) => [name, { p50: [], p99: [], rps: [] }]));
const loads = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, url] of Object.entries(targets)) {
    const times = await latencies(url);
    figures[name].p50.push(quantile(times, 0.5));
    figures[name].p99.push(quantile(times, 0.99));
    figures[name].rps.push(await throughput(url));
    loads.push(loadavg()[0]);
  }
  console.log(`round ${round + 1}/${ROUNDS}: ${Object.entries(figures).map(([name, f]) => `${name} ${f.p50.at(-1).toFixed(2)} ms, ${Math.round(f.rps.at(-1))}/s`).join("; ")}`);
}
await Promise.all([ours.stop(), prism.stop()]);
await upstream.stop();

const direct = { p50: median(figures.direct.p50), p99: median(figures.direct.p99) };
const rows = Object.entries(figures).map(([name, f]) => {
  const [p50, p99, rps] = [median(f.p50), median(f.p99), median(f.rps)];
  const added = name === "direct" ? "—" : `+${(p50 - direct.p50).toFixed(2)} ms / +${(p99 - direct.p99).toFixed(2)} ms`;
  return `| ${name} | ${p50.toFixed(2)} ms | ${p99.toFixed(2)} ms | ${added} | ${Math.round(rps)} |`;
});
await recordResults("proxy", {
  command: "npm run bench:proxy",
  setup:
    `The Intercom reference (\`mock intercom --stateful\`) answers two documented reads of a shipped user (\`GET /users/{id}\`, \`GET /users?user_id=25\`), sent directly, through \`archive-kit proxy --api intercom\` (every exchange judged in both directions, one console line each) and through \`prism proxy openapi/intercom.yaml\` (validating, its default). ` +
    `Latency: ${SEQUENTIAL} requests one at a time on one keep-alive connection. Throughput: ${LOADED} requests over ${CONNECTIONS} connections. Median of ${ROUNDS} rounds, the three in turn each round; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}. ` +
    "Every request answered 200 through all three.",
  table: ["| path | median latency | p99 latency | added (median / p99) | requests/s |", "| --- | --- | --- | --- | --- |", ...rows].join("\n"),
});
console.log(rows.join("\n"));
