import { mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Option } from "commander";
import { selectChecks } from "../../checks/registry.js";
import { runOperations, runSummary } from "../../conformance/summary.js";
import { declaredCredentials } from "../../conformance/credentials.js";
import { nothingSelected, runConformanceWith, selectedCases, type ConformanceOptions } from "../../conformance/run-conformance.js";
import { loadContract } from "../../contract/index.js";
import type { Hooks } from "../../conformance/run-cases.js";
import type { Variables } from "../../conformance/template.js";
import type { RunResult } from "../../conformance/types.js";
import { readYamlFile } from "../../conformance/yaml-file.js";
import { describeCause, UserError } from "../../errors.js";
import { createReporters, terminalProgress, type ReporterName } from "../../reporters/index.js";
import { clearReports } from "../../reporters/write-report.js";
import type { ApiPlugin } from "../../plugin.js";
import type { PluginRegistry } from "../../plugin-registry.js";
import { checksOf, conformanceEngine, trafficChecksOf } from "../../wiring.js";
import type { Io } from "../io.js";
import { readyImplementation } from "../readiness.js";
import { startRunLifetime } from "../run-lifetime.js";

export interface VerifyOptions {
  api: string;
  baseUrl?: string;
  target?: "reference" | "prism";
  reporter: ReporterName[];
  output: string;
  tag?: string[];
  excludeTag?: string[];
  case?: string[];
  shard?: { index: number; count: number };
  timeout: number;
  concurrency: number;
  vars?: string;
  cases?: string;
  har?: string;
  hooks?: string;
  allowRemote?: boolean;
  includePermanentDelete?: boolean;
  allowSkippedDocumented?: boolean;
  checks?: string[];
  excludeChecks?: string[];
  /** --server, --wait and --max-time, in seconds. */
  server?: string;
  wait?: number;
  maxTime?: number;
  /** The credential flags the plugins declare, under commander's attribute names (e.g. `--x-token` as xToken). */
  [credentialFlag: string]: unknown;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Verifies implementations; 0 when every case passed, 1 when one failed or a documented example went unchecked. */
export async function verifyCommand(apis: PluginRegistry, options: VerifyOptions, io: Io): Promise<number> {
  const requested: ApiPlugin[] = options.api === "all" ? [...apis.plugins] : [apis.get(options.api)];
  const writesFiles = options.reporter.some((name) => name !== "console");
  // First of all: whatever stops this run, no report of an earlier one may be taken for its result.
  if (writesFiles) await clearReports(options.output);
  if (options.har) return verifyRecording(apis, options, io);
  if (options.baseUrl) checkBaseUrl(options.baseUrl, options);
  if (options.baseUrl && requested.length > 1) throw new UserError(`--base-url verifies one API — add ${apis.names.map((name) => `--api ${name}`).join(" or ")}`);
  if (options.baseUrl && options.target) throw new UserError("--target starts an embedded implementation — drop it, or drop --base-url");
  // An unknown check name is a usage error before anything runs; each API then runs the named checks it has.
  const checkNames = checkNamesPerApi(requested, options);
  const variables = options.vars ? readVariables(options.vars) : undefined;
  const hooks = options.hooks ? await importHooks(options.hooks) : undefined;
  const selection = {
    baseUrl: options.baseUrl,
    target: options.target,
    casesDir: options.cases,
    tags: options.tag,
    excludeTags: options.excludeTag,
    ids: options.case,
    shard: options.shard,
    includePermanentDelete: options.includePermanentDelete,
  };
  // Over several APIs, one whose cases the filters leave out is not run; a selection of nothing at all is an error.
  const withCases = requested.length === 1 ? requested : await apisWithCases(requested, selection);
  if (withCases.length === 0) throw new UserError(nothingSelected(selection));
  if (writesFiles) await mkdir(options.output, { recursive: true });
  const lifetime = startRunLifetime(io, { maxTimeS: options.maxTime });
  // Ends the lifetime itself when the implementation never gets ready.
  const serverLogLine = await readyImplementation(options, lifetime, io);
  // A counter of finished cases on a terminal; CI logs and pipes get plain lines only.
  const progress = process.stdout.isTTY ? terminalProgress(process.stderr) : undefined;
  const reporters = createReporters(options.reporter, { outputDir: options.output, write: io.out, progress });

  const results: RunResult[] = [];
  try {
    for (const plugin of withCases) {
      const credentials = options.baseUrl ? declaredCredentials(plugin.name, plugin.conformance.credentials, flagsOf(apis, options), process.env) : undefined;
      results.push(
        await lifetime.unlessStopped(runConformanceWith(conformanceEngine(plugin), {
          api: plugin.name,
          ...selection,
          credentials,
          variables,
          timeoutMs: options.timeout * 1000,
          concurrency: options.concurrency,
          allowSkippedDocumented: options.allowSkippedDocumented,
          ...checkNames.get(plugin)!,
          hooks,
          // Once interrupted or out of time, what the run still reports is not its result.
          onEvent: (event) => {
            if (!lifetime.stopped) reporters.handle(event);
          },
        })),
      );
    }
    await reporters.finish();
    const serverLog = serverLogLine();
    if (serverLog) io.out(serverLog);
  } finally {
    // An error line must not land on the counter's line.
    progress?.clear();
    await lifetime.end();
  }
  assertJudged(results);
  assertReached(results, options.timeout);
  return results.some((result) => result.verdict === "fail") ? 1 : 0;
}

/** `verify --har`: the recording's exchanges judged offline, one case each; 1 when one failed. */
async function verifyRecording(apis: PluginRegistry, options: VerifyOptions, io: Io): Promise<number> {
  if (options.api === "all") throw new UserError(`--har judges one API's traffic — add ${apis.names.map((name) => `--api ${name}`).join(" or ")}`);
  const conflicting = (["baseUrl", "target", "cases", "server"] as const).find((key) => options[key] !== undefined);
  if (conflicting) throw new UserError(`--har judges a recording with no server — drop --${conflicting.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);
  const plugin = apis.get(options.api);
  const checks = trafficChecksOf(plugin, { checks: options.checks, excludeChecks: options.excludeChecks });
  const contract = await loadContract(plugin.contractFile);
  const { judgeHar } = await import("../../proxy/har-replay.js");
  const started = performance.now();
  const cases = await judgeHar(options.har!, plugin, contract, checks);
  if (cases.length === 0) throw new UserError(`--har ${options.har} holds no exchange: nothing was judged — record some traffic first`);
  if (options.reporter.some((name) => name !== "console")) await mkdir(options.output, { recursive: true });
  const reporters = createReporters(options.reporter, { outputDir: options.output, write: io.out });
  reporters.handle({ type: "run-started", api: plugin.name, baseUrl: options.har!, total: cases.length, operations: runOperations(contract) });
  for (const result of cases) reporters.handle({ type: "case-finished", result });
  const summary = runSummary(cases, started);
  if (summary.passed + summary.failed === 0) throw new UserError(`--har ${options.har}: no selected check applied to any of its ${cases.length} exchanges: nothing was judged — widen --checks or drop --exclude-checks`);
  reporters.handle({ type: "run-finished", result: { api: plugin.name, baseUrl: options.har!, reached: true, connected: true, cases, summary, allowSkippedDocumented: false, verdict: summary.failed > 0 ? "fail" : "pass" } });
  await reporters.finish();
  return summary.failed > 0 ? 1 : 0;
}

/** A run the preflight stopped (unreachable, not HTTP, credentials refused) is a setup error (exit 2), not a verdict. */
export function assertJudged(results: Array<Pick<RunResult, "error">>): void {
  const stopped = results.find((result) => result.error);
  if (stopped) throw new UserError(stopped.error!);
}

/** A run that never reached its implementation is a connection error (exit 2), not a verdict. */
export function assertReached(results: Array<Pick<RunResult, "baseUrl" | "reached" | "connected">>, timeoutSeconds: number): void {
  const unreachable = results.find((result) => !result.reached);
  if (unreachable?.connected) {
    throw new UserError(`${unreachable.baseUrl} accepted connections but never answered within --timeout ${timeoutSeconds} s — check the implementation is serving HTTP there, or raise --timeout`);
  }
  if (unreachable) throw new UserError(`cannot connect to ${unreachable.baseUrl} — start the implementation or fix --base-url`);
}

async function apisWithCases(plugins: ApiPlugin[], selection: Omit<ConformanceOptions, "api">): Promise<ApiPlugin[]> {
  const counts = await Promise.all(plugins.map(async (plugin) => selectedCases(conformanceEngine(plugin), selection, await loadContract(plugin.contractFile)).length));
  return plugins.filter((_, i) => counts[i]! > 0);
}

/**
 * --checks and --exclude-checks for each API: a name no requested API has is a usage error; over
 * several APIs, each runs the named checks it has (a plugin's own checks exist only in its runs).
 */
function checkNamesPerApi(plugins: ApiPlugin[], options: VerifyOptions): Map<ApiPlugin, { checks?: string[]; excludeChecks?: string[] }> {
  const registries = new Map(plugins.map((plugin) => [plugin, checksOf(plugin)] as const));
  const union = new Map([...registries.values()].flatMap((registry) => [...registry]));
  const labels = { checks: "--checks", excludeChecks: "--exclude-checks" };
  selectChecks(union, { checks: options.checks, excludeChecks: options.excludeChecks }, labels);
  const names = new Map<ApiPlugin, { checks?: string[]; excludeChecks?: string[] }>();
  for (const [plugin, registry] of registries) {
    const own = (list?: string[]) => list?.filter((name) => registry.has(name));
    const selection = { checks: own(options.checks), excludeChecks: own(options.excludeChecks) };
    if (options.checks?.length && selection.checks?.length === 0) throw new UserError(`--checks names no check of ${plugin.name} — add one of ${[...registry.keys()].join(", ")}, or pass --api`);
    selectChecks(registry, selection, labels);
    names.set(plugin, selection);
  }
  return names;
}

export function checkBaseUrl(baseUrl: string, options: Pick<VerifyOptions, "allowRemote">, flag = "--base-url", why = "the cases archive users"): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // The text may hold a password: it is not echoed.
    throw new UserError(`${flag} is not a URL — pass one like http://127.0.0.1:8080`);
  }
  if (url.username || url.password) {
    throw new UserError(`${flag} carries credentials (user:password@) — drop them and pass the API's credentials with their own flags or variables`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UserError(`${flag} must be http or https, not ${url.protocol}`);
  // Every archive is destructive: only a local implementation is verified without being asked.
  if (!LOOPBACK.has(url.hostname) && !options.allowRemote) {
    throw new UserError(`${flag} ${url.host} is not on this machine and ${why} — add --allow-remote if that is intended`);
  }
}

/** Every credential flag the plugins declare, keyed by flag (e.g. "--x-token"); a declared file must exist. */
export function flagsOf(apis: PluginRegistry, options: Record<string, unknown>): Record<string, string | undefined> {
  const flags: Record<string, string | undefined> = {};
  for (const plugin of apis.plugins) {
    for (const declaration of plugin.conformance.credentials) {
      const value = options[new Option(declaration.flag).attributeName()];
      if (typeof value !== "string") continue;
      if (declaration.file && value) {
        try {
          readFileSync(value);
        } catch {
          throw new UserError(`${declaration.flag} ${value}: no such file — ${declaration.file.fix}`);
        }
      }
      flags[declaration.flag] = value;
    }
  }
  return flags;
}

function readVariables(file: string): Variables {
  const read = readYamlFile(file);
  const mapping = "write a YAML mapping of names to values";
  if (!read.ok) {
    const fix = { missing: "pass a YAML or JSON file of variables", "not-a-file": "pass a plain file", "too-large": mapping, malformed: mapping, "too-many-nodes": "write the values out instead of nesting aliases" }[read.problem];
    throw new UserError(`--vars ${file}: ${read.message} — ${fix}`);
  }
  const parsed = read.value;
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new UserError(`--vars ${file}: not a mapping — ${mapping}`);
  return parsed as Variables;
}

async function importHooks(file: string): Promise<Hooks> {
  try {
    return (await import(pathToFileURL(path.resolve(file)).href)) as Hooks;
  } catch (error) {
    throw new UserError(`--hooks ${file}: cannot be loaded: ${describeCause(error)} — pass an ES module exporting beforeAll/beforeEach/afterEach/afterAll`);
  }
}
