import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Option, type Command } from "commander";
import { credentialHelp } from "../../conformance/credentials.js";
import type { RunEvent } from "../../conformance/types.js";
import { UserError } from "../../errors.js";
import type { PluginRegistry } from "../../plugin-registry.js";
import { plural } from "../../plural.js";
import type { Io } from "../io.js";
import { addReadinessOptions, parseMaxTimeSeconds, parsePositiveInteger, parseSeed, parseShard, parseTimeoutSeconds, parseWorkers } from "../options.js";

/** DEFAULT_MAX_TIME_S of src/fuzz/run-stop.ts, for --help (which must not load the fuzz engine); a test keeps them equal. */
export const FUZZ_MAX_TIME_HELP = 1800;

/** The reporters a fuzz run offers: coverage counts documented statuses, which generated requests do not aim at. */
const FUZZ_REPORTERS = ["console", "json", "junit", "html"] as const;

export interface FuzzCliOptions {
  api: string;
  baseUrl?: string;
  operation?: string[];
  seed?: number;
  maxExamples: number;
  duration?: number;
  saveFailures?: string;
  reporter: Array<(typeof FUZZ_REPORTERS)[number]>;
  output: string;
  timeout: number;
  allowRemote?: boolean;
  includePermanentDelete?: boolean;
  allowDrawnTargets?: boolean;
  /** --max-time, in seconds (default: the fuzz engine's DEFAULT_MAX_TIME_S). */
  maxTime?: number;
  /** --workers: properties checked at once (default: the cores). */
  workers?: number;
  shard?: { index: number; count: number };
  /** --record: every exchange with its verdict (NDJSON; HAR for a name ending in .har). */
  record?: string;
  /** --server and --wait (seconds), as verify's. */
  server?: string;
  wait?: number;
  /** The credential flags the plugins declare, under commander's attribute names. */
  [credentialFlag: string]: unknown;
}

/** Adds `archive-kit fuzz` to the program, with each registered API's credential flags; its work loads on demand. */
export function addFuzzCommand(program: Command, apis: PluginRegistry, io: Io, exit: (code: number) => void): void {
  const fuzz = program
    .command("fuzz")
    .description("send requests generated from the contract, valid and each kind of invalid, and judge every answer; each failure shrunk to a minimal request")
    .addOption(new Option("--api <name>", "which API").choices([...apis.names, "all"]).default("all"))
    .option("--base-url <url>", "the implementation to fuzz (default: start the embedded reference)")
    .option("--operation <id...>", "only these operationIds (needs --api)")
    .option("--seed <n>", "repeat a run exactly (default: a random seed, printed)", parseSeed)
    .option("--max-examples <n>", "requests per operation: that many valid ones, and that many invalid ones", parsePositiveInteger, 100)
    .option("--duration <seconds>", "time budget of the whole run; what is left when it is spent is skipped", parsePositiveInteger)
    .option("--save-failures <dir>", "write each failure as a case file that verify --cases replays (with --api all, one folder per API)")
    .addOption(new Option("--reporter <name...>", "console, json, junit, html (several allowed)").choices([...FUZZ_REPORTERS]).default(["console"]))
    .option("--output <dir>", "where the report files go (json, junit, html)", "reports")
    .option("--timeout <seconds>", "per-request timeout (1 to 3600)", parseTimeoutSeconds, 10)
    .option("--allow-remote", "allow a --base-url that is not on this machine (generated requests archive users)")
    .option("--include-permanent-delete", "also fuzz the operations that permanently delete users")
    .option("--allow-drawn-targets", "let valid archives, deletes and changes address drawn users (user_id=25: somebody's user 25), for a disposable server; default with --base-url: only users the run created")
    .option("--workers <n>", "properties checked at once (1 to 64, default: the cores); the same seed gives the same requests and verdict whatever the number", parseWorkers)
    .option("--shard <i/n>", "check only the i-th of n parts of the properties (CI jobs side by side, each with the same --seed)", parseShard)
    .option("--record <file>", "write every exchange with each check's verdict: NDJSON, or HAR 1.2 for a name ending in .har (with --api all, one file per API)")
    .option("--max-time <seconds>", `stop the whole run after this long (1 to 86400, default ${FUZZ_MAX_TIME_HELP}), waiting included: exit 2, no verdict`, parseMaxTimeSeconds)
    .action(async (options: FuzzCliOptions) => exit(await fuzzCommand(apis, options, io)));
  addReadinessOptions(fuzz);
  for (const plugin of apis.plugins) {
    for (const declaration of plugin.conformance.credentials) fuzz.option(`${declaration.flag} <${declaration.valueName}>`, credentialHelp(declaration));
  }
}

/** `fuzz.har` → `fuzz.<api>.har`: one recording per API of a run over several. */
function perApi(file: string, api: string): string {
  const extension = path.extname(file);
  return `${file.slice(0, file.length - extension.length)}.${api}${extension}`;
}

/** Fuzzes implementations; 0 when every property held, 1 when one failed, like `verify`. */
async function fuzzCommand(apis: PluginRegistry, options: FuzzCliOptions, io: Io): Promise<number> {
  const started = Date.now();
  const [{ runFuzz, DEFAULT_MAX_TIME_S }, { fuzzDeps }, { declaredCredentials }, verify, reporting, { clearReports }] = await Promise.all([
    import("../../fuzz/run-fuzz.js"),
    import("../../wiring.js"),
    import("../../conformance/credentials.js"),
    import("./verify.js"),
    import("../../reporters/index.js"),
    import("../../reporters/write-report.js"),
  ]);
  const [{ readyImplementation }, { startRunLifetime }, lines] = await Promise.all([import("../readiness.js"), import("../run-lifetime.js"), import("../fuzz-lines.js")]);
  const requested = options.api === "all" ? [...apis.plugins] : [apis.get(options.api)];
  const writesFiles = options.reporter.some((name) => name !== "console");
  // Whatever stops this run, no report of an earlier one may be taken for its result.
  if (writesFiles) await clearReports(options.output);
  if (options.baseUrl) verify.checkBaseUrl(options.baseUrl, options);
  if (options.baseUrl && requested.length > 1) throw new UserError(`--base-url fuzzes one API — add ${apis.names.map((name) => `--api ${name}`).join(" or ")}`);
  if (options.operation && requested.length > 1) throw new UserError(`--operation names operations of one API — add ${apis.names.map((name) => `--api ${name}`).join(" or ")}`);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  io.out(`fuzz seed ${seed} (repeat this run with --seed ${seed})`);
  if (writesFiles) await mkdir(options.output, { recursive: true });
  const lifetime = startRunLifetime(io, {});
  // Ends the lifetime itself when the implementation never gets ready.
  const serverLogLine = await readyImplementation(options, lifetime, io);
  const progress = process.stdout.isTTY ? reporting.terminalProgress(process.stderr) : undefined;
  const reporters = reporting.createReporters(options.reporter, { outputDir: options.output, write: io.out, progress });
  const deadline = options.duration === undefined ? undefined : Date.now() + options.duration * 1000;
  // The run bounds itself (FuzzOptions.maxTimeS), from the command's start: the wait counts.
  const maxTimeS = options.maxTime ?? DEFAULT_MAX_TIME_S;
  const endBy = started + maxTimeS * 1000;

  const results = [];
  try {
    for (const plugin of requested) {
      const credentials = options.baseUrl ? declaredCredentials(plugin.name, plugin.conformance.credentials, verify.flagsOf(apis, options), process.env) : undefined;
      const saveFailuresDir = options.saveFailures && (requested.length > 1 ? path.join(options.saveFailures, plugin.name) : options.saveFailures);
      const run = {
        baseUrl: options.baseUrl,
        credentials,
        operations: options.operation,
        seed,
        maxExamples: options.maxExamples,
        ...(options.workers ? { workers: options.workers } : {}),
        ...(options.shard ? { shard: options.shard } : {}),
        ...(options.record ? { recordFile: requested.length > 1 ? perApi(options.record, plugin.name) : options.record } : {}),
        durationS: deadline === undefined ? undefined : Math.max(0, (deadline - Date.now()) / 1000),
        includePermanentDelete: options.includePermanentDelete,
        ...(options.allowDrawnTargets ? { allowDrawnTargets: true } : {}),
        maxTimeS: Math.max(0.001, (endBy - Date.now()) / 1000),
        timeoutMs: options.timeout * 1000,
        saveFailuresDir,
        // Once interrupted, what the run still reports is not its result.
        onEvent: (event: RunEvent) => {
          if (!lifetime.stopped) reporters.handle(event);
        },
      };
      const result = await lifetime.unlessStopped(runFuzz(run, await fuzzDeps(plugin)));
      results.push(result);
      if (result.stopped) break;
      // A run the preflight stopped sent nothing of its own: it covered nothing worth a line.
      if (!result.error) io.out(lines.coverageLine(plugin.name, result.covered));
      if (result.recorded !== undefined) io.out(`${plugin.name}: ${plural(result.recorded, "exchange")} recorded in ${run.recordFile}`);
    }
    // A stopped run has no verdict: no summary, no report.
    if (!results.some((result) => result.stopped)) await reporters.finish();
    const serverLog = serverLogLine();
    if (serverLog) io.out(serverLog);
  } finally {
    progress?.clear();
    await lifetime.end();
  }
  verify.assertJudged(results);
  const stopped = results.find((result) => result.stopped);
  if (stopped) {
    verify.assertReached([stopped], options.timeout);
    throw new UserError(lines.stoppedLine(stopped.stopped!, stopped.baseUrl, { timeoutS: options.timeout, maxTimeS }));
  }
  for (const [i, result] of results.entries()) {
    if (result.savedFailures.length === 0) continue;
    const dir = path.dirname(result.savedFailures[0]!);
    io.out(`${plural(result.savedFailures.length, "failure")} saved in ${dir} — replay: ${lines.replayCommand(requested[i]!.name, dir, lines.replayFlags(apis, options))}`);
  }
  verify.assertReached(results, options.timeout);
  return results.some((result) => result.verdict === "fail") ? 1 : 0;
}
