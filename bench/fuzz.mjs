// Benchmark: generated requests checked per second by `archive-kit fuzz` (issue 10 item 7, target ≥ 2,000/s).
// `runFuzz` (the library call the CLI makes), with the generators and engine the CLI builds (`fuzzDeps`:
// the plugin's fuzz settings), fuzzes each API's reference for a fixed seed and N examples per operation,
// once per round and way of running the reference:
//   - in process: the embedded reference, client and server sharing this one thread (`fuzz` without --base-url);
//   - own process: `archive-kit mock <api> --stateful --quiet` started from the command line, fuzzed through
//     its URL with the TEST-ONLY credentials it prints (`mock --stateful` + `fuzz --base-url`), a fresh one each round,
//     so client and server each have a core.
// Process start is not counted. Wall time is split, by wrapping what runFuzz is given, into generation (the
// arbitraries' `generate`), judging (the checks) and the rest (preparing, sending, waiting for or running the
// reference, fast-check and the runner). Set BENCH_FUZZ_EXAMPLES (default 500), BENCH_FUZZ_SEED (default 1),
// BENCH_FUZZ_ROUNDS (default 3; the median is reported), BENCH_FUZZ_APIS (default intercom,dfns),
// BENCH_FUZZ_REFERENCES (default "in process,own process"),
// BENCH_FUZZ_PROFILE=1 (prints, does not write RESULTS.md: for runs under node --cpu-prof).
// BENCH_FUZZ_BEFORE_DIST=<older build>/dist adds that build's rows, round for round with this tree's
// (BENCH_FUZZ_BEFORE_LABEL names it, e.g. its commit).
// Run with `npm run bench:fuzz` (builds first). Results go to stdout and bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { startCliReference } from "./cli-reference.mjs";
import { countingPlugin } from "./count-requests.mjs";
import { recordResults } from "./record.mjs";

const EXAMPLES = Number(process.env.BENCH_FUZZ_EXAMPLES ?? 500);
const SEED = Number(process.env.BENCH_FUZZ_SEED ?? 1);
const ROUNDS = Number(process.env.BENCH_FUZZ_ROUNDS ?? 3);
const PROFILE_ONLY = process.env.BENCH_FUZZ_PROFILE === "1";
const APIS = (process.env.BENCH_FUZZ_APIS ?? "intercom,dfns").split(",");
const IN_PROCESS = "in process";
const OWN_PROCESS = "own process";
const REFERENCES = (process.env.BENCH_FUZZ_REFERENCES ?? `${IN_PROCESS},${OWN_PROCESS}`).split(",");
/** Another build's dist/ (e.g. of the commit before a change), run round for round with this tree's. */
const BEFORE_DIST = process.env.BENCH_FUZZ_BEFORE_DIST;
const BEFORE_LABEL = process.env.BENCH_FUZZ_BEFORE_LABEL ?? "an older build";
const root = fileURLToPath(new URL("..", import.meta.url));

/** The library entry points of one build, and its CLI. */
async function build(name, dist) {
  const at = (file) => import(pathToFileURL(`${dist}/${file}`).href);
  const [{ negativeRequests, positiveRequests }, { runFuzz }, wiring] = await Promise.all([at("fuzz/generate/index.js"), at("fuzz/run-fuzz.js"), at("wiring.js")]);
  // A build from before plugins declared fuzz settings (449a1ab) has no fuzzDeps: its CLI gave the generators no settings.
  const fuzzDeps = wiring.fuzzDeps ?? (async (plugin) => ({ engine: wiring.conformanceEngine(plugin), generators: { positive: positiveRequests, negative: negativeRequests } }));
  return { name, runFuzz, fuzzDeps, apiRegistry: wiring.apiRegistry, cli: `${dist}/cli/main.js` };
}
const BUILDS = [...(BEFORE_DIST ? [await build(`before (${BEFORE_LABEL})`, BEFORE_DIST)] : []), await build("this tree", new URL("../dist", import.meta.url).pathname)];

/** Milliseconds spent in each part of one run, and what was counted. */
function newTimes() {
  return { generateMs: 0, judgeMs: 0, requests: 0, exchanges: 0 };
}

/** The arbitrary with the time of its `generate` added to `times` (shrinking is untimed: the reference passes). */
class TimedArbitrary extends fc.Arbitrary {
  constructor(inner, times) {
    super();
    this.inner = inner;
    this.times = times;
  }
  generate(mrng, biasFactor) {
    const started = performance.now();
    try {
      return this.inner.generate(mrng, biasFactor);
    } finally {
      this.times.generateMs += performance.now() - started;
    }
  }
  canShrinkWithoutContext(value) {
    return this.inner.canShrinkWithoutContext(value);
  }
  shrink(value, context) {
    return this.inner.shrink(value, context);
  }
}

/** `engine` with its checks timed (its subject, the counting plugin, counts the requests). */
function timedEngine(engine, times) {
  const checks = new Map(
    [...engine.checks].map(([name, check]) => [
      name,
      {
        ...check,
        run(context) {
          const started = performance.now();
          // Every answered exchange (a generated request's, or a signing step's) runs this one check.
          if (name === "not-a-server-error") times.exchanges++;
          try {
            return check.run(context);
          } finally {
            times.judgeMs += performance.now() - started;
          }
        },
      },
    ]),
  );
  return { ...engine, checks };
}

/** What `fuzz` builds for `api` (engine and generators with the plugin's fuzz settings), timed and counted. */
async function timedDeps(lib, api, times) {
  const deps = await lib.fuzzDeps(countingPlugin(lib.apiRegistry().get(api), () => times.requests++));
  const timed = (generate) => (contract, operation) => new TimedArbitrary(generate(contract, operation), times);
  return { engine: timedEngine(deps.engine, times), generators: { positive: timed(deps.generators.positive), negative: timed(deps.generators.negative) } };
}

async function fuzzOnce(lib, api, reference) {
  const times = newTimes();
  const deps = await timedDeps(lib, api, times);
  const server = reference === OWN_PROCESS ? await startCliReference(lib.cli, api, { cwd: root }) : undefined;
  try {
    // The reference in its own process is disposable: drawn targets, as in-process, so both rows fuzz the same requests.
    const target = server ? { baseUrl: server.url, credentials: server.credentials, allowDrawnTargets: true } : {};
    const serverCpu = server?.cpuMs();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await lib.runFuzz({ seed: SEED, maxExamples: EXAMPLES, ...target }, deps);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const serverCpuMs = server ? server.cpuMs() - serverCpu : 0;
    return { build: lib.name, api, reference, wallMs, cpuMs: (used.user + used.system) / 1000, serverCpuMs, ...times, verdict: result.verdict, summary: result.summary };
  } finally {
    await server?.stop();
  }
}

const loadBefore = loadavg()[0];
const uptimeBefore = execFileSync("uptime").toString().trim();
const runs = new Map();
// Round for round, each build and way of running the reference in turn: a change in the machine's load falls on all alike.
// The ways swap order every round, so the first, cold run (loading, compiling arbitraries) is not always the same way's.
for (let round = 0; round < ROUNDS; round++) {
  for (const api of APIS) {
    for (const reference of round % 2 ? [...REFERENCES].reverse() : REFERENCES) {
      for (const lib of BUILDS) {
        const key = `${lib.name} ${api} ${reference}`;
        const run = await fuzzOnce(lib, api, reference);
        console.log(`round ${round + 1}: ${key}: ${run.requests} requests in ${(run.wallMs / 1000).toFixed(2)} s, ${((run.requests / run.wallMs) * 1000).toFixed(0)}/s`);
        runs.set(key, [...(runs.get(key) ?? []), run]);
      }
    }
  }
}
const rows = [...runs.values()].map((each) => {
  const sorted = [...each].sort((a, b) => a.requests / a.wallMs - b.requests / b.wallMs);
  return { ...sorted[Math.floor(sorted.length / 2)], all: each.map((run) => (run.requests / run.wallMs) * 1000) };
});
const loadAfter = loadavg()[0];
const uptimeAfter = execFileSync("uptime").toString().trim();
const perSecond = (count, ms) => Math.round((count / ms) * 1000);
const share = (ms, of) => `${ms.toFixed(0)} ms (${Math.round((ms / of) * 100)}%)`;
const perRequest = (ms, requests) => `${(ms / requests).toFixed(3)} ms`;
/** This tree's rows of one way of running the reference, added up. */
function totalOf(reference) {
  return rows
    .filter((row) => row.build === "this tree" && row.reference === reference)
    .reduce((sum, row) => ({ requests: sum.requests + row.requests, wallMs: sum.wallMs + row.wallMs, cpuMs: sum.cpuMs + row.cpuMs, serverCpuMs: sum.serverCpuMs + row.serverCpuMs }), { requests: 0, wallMs: 0, cpuMs: 0, serverCpuMs: 0 });
}
const totals = REFERENCES.map((reference) => ({ reference, ...totalOf(reference) }));
const met = (rate) => (rate >= 2000 ? "met" : "**not met**");
const table = [
  "| build | API | reference | generated requests (HTTP exchanges) | verdict | runFuzz wall (median) | requests/s (all rounds) | CPU per request: fuzzing process + reference process | generation | judging | the rest (preparing, sending, the reference answering, the runner) |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (row) =>
      `| ${row.build} | ${row.api} | ${row.reference} | ${row.requests} (${row.exchanges}) | ${row.summary.passed} passed, ${row.summary.failed} failed, ${row.summary.skipped} skipped | ${(row.wallMs / 1000).toFixed(2)} s | ` +
      `**${perSecond(row.requests, row.wallMs)}** (${row.all.map((rate) => rate.toFixed(0)).join(", ")}) | ` +
      `${perRequest(row.cpuMs, row.requests)}${row.reference === OWN_PROCESS ? ` + ${perRequest(row.serverCpuMs, row.requests)}` : " (the same process)"} | ` +
      `${share(row.generateMs, row.wallMs)} | ${share(row.judgeMs, row.wallMs)} | ${share(row.wallMs - row.generateMs - row.judgeMs, row.wallMs)} |`,
  ),
  "",
  ...totals.map(
    (total) =>
      `This tree, ${APIS.join(" and ")}, reference ${total.reference === IN_PROCESS ? "in process" : "in its own process"}: ${total.requests} generated requests in ${(total.wallMs / 1000).toFixed(2)} s, ` +
      `**${perSecond(total.requests, total.wallMs)} requests/s** (target ≥ 2,000: ${met(perSecond(total.requests, total.wallMs))}); ` +
      (total.reference === IN_PROCESS
        ? `${perRequest(total.cpuMs, total.requests)} of CPU per request, so one free core would give at most ${perSecond(total.requests, total.cpuMs)}/s.`
        : // Each process has a core of its own here: the busier one bounds the rate.
          `${perRequest(total.cpuMs, total.requests)} of CPU per request in the fuzzing process and ${perRequest(total.serverCpuMs, total.requests)} in the reference's, so two free cores would give at most ${perSecond(total.requests, Math.max(total.cpuMs, total.serverCpuMs))}/s.`),
  ),
  "",
  `1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after (2 cores shared with other work). \`uptime\` before: ${uptimeBefore}; after: ${uptimeAfter}.`,
  "",
  // What bounds the rate: CPU per request on the thread (or threads) doing the work.
  "2,000 requests/s needs 0.5 ms of CPU per request for drawing, sending, serving and judging it on one core, or 1 ms per request on each side with the reference in its own process. " +
    // From `node --cpu-prof` of this bench (BENCH_FUZZ_PROFILE=1), samples grouped by the innermost project area on their stack; not re-measured by each run.
    "Where the in-process time went (CPU profile of an Intercom run, 300 examples, 2026-11-30): the HTTP round trip on both ends 41% (undici 14%, node:http server 11%, the transport 9%, sockets and streams 7%), " +
    "the reference's own handling 11%, ajv 11% (request validation of every positive and negative, and compiling the sub-schemas negatives are proven against, once per run), fast-check 12% and our schema-to-arbitrary code 5%, " +
    "the case runner's storing and redaction (lifecycles) 6%, the checks 2%, GC 3%. A keep-alive exchange with a trivial server alone costs about 0.25 ms of CPU here. " +
    "Dfns requests cost more: each signed one is three exchanges, an ECDSA signature and its verification; the private key is parsed once per run since 2cd2c67 (it was parsed for every signature, 12% of a Dfns profile). " +
    "Within a property fast-check runs its examples in turn; since issue 16, properties run in lanes (`--workers`, default the cores: 2 here), so the fuzzing side draws and judges one property's requests while another's wait for the reference, all on one thread. A second fuzzing thread (worker_threads) is not built: on these 2 cores the reference in its own process takes about half of the CPU, so it could add little.",
  "",
  "No peer row: Schemathesis is a Python package, and this machine reaches only the npm registry and Debian's packages (Debian has no schemathesis package), so it cannot be installed here.",
];
console.log(table.join("\n"));
if (!PROFILE_ONLY) {
  await recordResults("fuzz", {
    command: `${BEFORE_DIST ? `BENCH_FUZZ_BEFORE_DIST=<${BEFORE_LABEL}>/dist ` : ""}${EXAMPLES === 500 ? "" : `BENCH_FUZZ_EXAMPLES=${EXAMPLES} `}npm run bench:fuzz`,
    setup:
      `\`runFuzz({ seed: ${SEED}, maxExamples: ${EXAMPLES} })\` with the engine and generators the CLI builds (\`fuzzDeps\`: the plugin's fuzz settings) — what \`archive-kit fuzz --api <api> --seed ${SEED} --max-examples ${EXAMPLES}\` runs — ` +
      "against each API's reference, run two ways: in process (the embedded reference, client and server sharing one thread: `fuzz` without `--base-url`) and in its own process " +
      "(`node dist/cli/main.js mock <api> --stateful --port <free> --quiet`, and `--rate-limit 1000000000` for Intercom, started afresh each round and fuzzed through its URL with the TEST-ONLY credentials it prints: `mock --stateful` + `fuzz --base-url`). " +
      `${ROUNDS} rounds per API, way and build in one bench process, taking turns, the median round reported; process and server start are not counted. ` +
      "Generated requests = requests sent through the API plugin's `prepare` (each operation's valid and invalid requests, and each step of the generated lifecycles and tamperings); " +
      "HTTP exchanges add the user action signing requests Dfns sends before a signed request. requests/s = generated requests ÷ runFuzz wall; CPU per request = CPU time (user + system) during runFuzz ÷ generated requests, of the bench process and (own process) of the reference's, read from /proc. " +
      "Generation = time in the request arbitraries' `generate` (drawing, validating positives, proving negatives); judging = time in the checks; the rest is everything else on the fuzzing thread, waiting for a reference in its own process included.",
    table: table.join("\n"),
  });
}
