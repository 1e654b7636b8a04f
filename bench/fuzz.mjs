// Benchmark: generated requests checked per second by `archive-kit fuzz` (issue 10 item 7, target ≥ 2,000/s).
// `runFuzz` (the library call the CLI makes) fuzzes each API's embedded reference for a fixed seed and
// N examples per operation, once per round, in this one process (process start is not counted). Wall
// time is split, by wrapping what runFuzz is given, into generation (the arbitraries' `generate`),
// judging (the checks) and the rest (preparing, sending, the reference answering in this same process,
// fast-check and the runner). Set BENCH_FUZZ_EXAMPLES (default 500), BENCH_FUZZ_SEED (default 1),
// BENCH_FUZZ_ROUNDS (default 3; the median is reported), BENCH_FUZZ_APIS (default intercom,dfns),
// BENCH_FUZZ_PROFILE=1 (prints, does not write RESULTS.md: for runs under node --cpu-prof).
// BENCH_FUZZ_BEFORE_DIST=<older build>/dist adds that build's rows, round for round with this tree's
// (BENCH_FUZZ_BEFORE_LABEL names it, e.g. its commit).
// Run with `npm run bench:fuzz` (builds first). Results go to stdout and bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import fc from "fast-check";
import { pathToFileURL } from "node:url";
import { countingPlugin } from "./count-requests.mjs";
import { recordResults } from "./record.mjs";

const EXAMPLES = Number(process.env.BENCH_FUZZ_EXAMPLES ?? 500);
const SEED = Number(process.env.BENCH_FUZZ_SEED ?? 1);
const ROUNDS = Number(process.env.BENCH_FUZZ_ROUNDS ?? 3);
const PROFILE_ONLY = process.env.BENCH_FUZZ_PROFILE === "1";
const APIS = (process.env.BENCH_FUZZ_APIS ?? "intercom,dfns").split(",");
/** Another build's dist/ (e.g. of the commit before a change), run round for round with this tree's. */
const BEFORE_DIST = process.env.BENCH_FUZZ_BEFORE_DIST;
const BEFORE_LABEL = process.env.BENCH_FUZZ_BEFORE_LABEL ?? "an older build";

/** The library entry points of one build. */
async function build(name, dist) {
  const at = (file) => import(pathToFileURL(`${dist}/${file}`).href);
  const [{ negativeRequests, positiveRequests }, { runFuzz }, { apiRegistry, conformanceEngine }] = await Promise.all([at("fuzz/generate.js"), at("fuzz/run-fuzz.js"), at("wiring.js")]);
  return { name, negativeRequests, positiveRequests, runFuzz, apiRegistry, conformanceEngine };
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

/** The engine runFuzz is given, with its checks timed and its API's `prepare` counted (one per request sent). */
function timedEngine(lib, api, times) {
  const plugin = lib.apiRegistry().get(api);
  const engine = lib.conformanceEngine(plugin);
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
  return { ...engine, checks, subject: countingPlugin(plugin, () => times.requests++) };
}

async function fuzzOnce(lib, api) {
  const times = newTimes();
  const generators = {
    positive: (contract, operation, options) => new TimedArbitrary(lib.positiveRequests(contract, operation, options), times),
    negative: (contract, operation, options) => new TimedArbitrary(lib.negativeRequests(contract, operation, options), times),
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await lib.runFuzz({ seed: SEED, maxExamples: EXAMPLES }, { engine: timedEngine(lib, api, times), generators });
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { build: lib.name, api, wallMs, cpuMs: (used.user + used.system) / 1000, ...times, verdict: result.verdict, summary: result.summary };
}

const loadBefore = loadavg()[0];
const runs = new Map();
// Round for round, each build in turn: a change in the machine's load falls on both alike.
for (let round = 0; round < ROUNDS; round++) {
  for (const api of APIS) {
    for (const lib of BUILDS) {
      const key = `${lib.name} ${api}`;
      runs.set(key, [...(runs.get(key) ?? []), await fuzzOnce(lib, api)]);
    }
  }
}
const rows = [...runs.values()].map((each) => {
  const sorted = [...each].sort((a, b) => a.requests / a.wallMs - b.requests / b.wallMs);
  return { ...sorted[Math.floor(sorted.length / 2)], all: each.map((run) => (run.requests / run.wallMs) * 1000) };
});
const loadAfter = loadavg()[0];
const total = rows.filter((row) => row.build === "this tree").reduce((sum, row) => ({ requests: sum.requests + row.requests, wallMs: sum.wallMs + row.wallMs, cpuMs: sum.cpuMs + row.cpuMs }), { requests: 0, wallMs: 0, cpuMs: 0 });
const perSecond = (count, ms) => Math.round((count / ms) * 1000);
const share = (ms, of) => `${ms.toFixed(0)} ms (${Math.round((ms / of) * 100)}%)`;
const table = [
  "| build | API | generated requests (HTTP exchanges) | verdict | runFuzz wall (median) | requests/s (all rounds) | process CPU per request (requests per CPU second) | generation | judging | preparing, sending, the reference answering, the runner |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (row) =>
      `| ${row.build} | ${row.api} | ${row.requests} (${row.exchanges}) | ${row.summary.passed} passed, ${row.summary.failed} failed, ${row.summary.skipped} skipped | ${(row.wallMs / 1000).toFixed(2)} s | ` +
      `**${perSecond(row.requests, row.wallMs)}** (${row.all.map((rate) => rate.toFixed(0)).join(", ")}) | ${(row.cpuMs / row.requests).toFixed(3)} ms (${perSecond(row.requests, row.cpuMs)}) | ${share(row.generateMs, row.wallMs)} | ${share(row.judgeMs, row.wallMs)} | ` +
      `${share(row.wallMs - row.generateMs - row.judgeMs, row.wallMs)} |`,
  ),
  "",
  `This tree, ${APIS.join(" and ")}: ${total.requests} generated requests in ${(total.wallMs / 1000).toFixed(2)} s, **${perSecond(total.requests, total.wallMs)} requests/s** (target ≥ 2,000); ${perSecond(total.requests, total.cpuMs)} requests per CPU second of the process. ` +
    `1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after (2 cores shared with other work). \`uptime\`: ${execFileSync("uptime").toString().trim()}.`,
  "",
  // What bounds the rate: client, checks and the reference share one thread, so CPU per request caps it.
  `The client, the checks and the reference server share one thread: at ${(total.cpuMs / total.requests).toFixed(2)} ms of process CPU per generated request, ` +
    `one free core would give at most ${perSecond(total.requests, total.cpuMs)} requests/s; 2,000/s needs 0.5 ms per request for drawing, sending, serving and judging it. ` +
    // From `node --cpu-prof` of this bench (BENCH_FUZZ_PROFILE=1), samples grouped by the innermost project area on their stack; not re-measured by each run.
    "Where that time went (CPU profile of an Intercom run, 300 examples, 2026-11-30): the HTTP round trip on both ends 41% (undici 14%, node:http server 11%, the transport 9%, sockets and streams 7%), " +
    "the reference's own handling 11%, ajv 11% (request validation of every positive and negative, and compiling the sub-schemas negatives are proven against, once per run), fast-check 12% and our schema-to-arbitrary code 5%, " +
    "the case runner's storing and redaction (lifecycles) 6%, the checks 2%, GC 3%. A keep-alive exchange with a trivial server alone costs about 0.25 ms of CPU here, so the target needs the reference on its own core " +
    "(examples then overlapping across properties) or a cheaper HTTP stack, not faster generation. Dfns requests cost more: each signed one is three exchanges, an ECDSA signature and its verification, and the plugin parses the PEM private key for every signature (12% of a Dfns profile).",
  "",
  "No peer row: Schemathesis is a Python package, and this machine reaches only the npm registry and Debian's packages (Debian has no schemathesis package), so it cannot be installed here.",
];
console.log(table.join("\n"));
if (!PROFILE_ONLY) {
  await recordResults("fuzz", {
    command: `${BEFORE_DIST ? `BENCH_FUZZ_BEFORE_DIST=<${BEFORE_LABEL}>/dist ` : ""}${EXAMPLES === 500 ? "" : `BENCH_FUZZ_EXAMPLES=${EXAMPLES} `}npm run bench:fuzz`,
    setup:
      `\`runFuzz({ seed: ${SEED}, maxExamples: ${EXAMPLES} })\` — what \`archive-kit fuzz --api <api> --seed ${SEED} --max-examples ${EXAMPLES}\` runs — against each API's embedded reference ` +
      `(client and server in one process), ${ROUNDS} rounds per API and build in one process, the builds taking turns, the median round reported; process start is not counted. ` +
      "Generated requests = requests sent through the API plugin's `prepare` (each operation's valid and invalid requests, and each step of the generated lifecycles and tamperings); " +
      "HTTP exchanges add the user action signing requests Dfns sends before a signed request. requests/s = generated requests ÷ runFuzz wall; requests per CPU second = generated requests ÷ the process's CPU time (user + system) during runFuzz, what a machine with a core to spare would approach. " +
      "Generation = time in the request arbitraries' `generate` (drawing, validating positives, proving negatives); judging = time in the checks; the rest is everything else on the same thread.",
    table: table.join("\n"),
  });
}
