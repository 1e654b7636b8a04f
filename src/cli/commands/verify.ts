import { mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Option } from "commander";
import { API_PLUGINS } from "../../apis/plugins.js";
import { API_NAMES, contractFile, type ApiName } from "../../apis/registry.js";
import { CHECKS, selectChecks } from "../../checks/index.js";
import { nothingSelected, runConformance, selectedCases, type ConformanceOptions } from "../../conformance/run-conformance.js";
import { loadContract } from "../../contract/index.js";
import type { Hooks } from "../../conformance/runner.js";
import type { Variables } from "../../conformance/template.js";
import type { RunResult } from "../../conformance/types.js";
import { readYamlFile } from "../../conformance/yaml-file.js";
import { describeCause, UserError } from "../../errors.js";
import { createReporters, terminalProgress, type ReporterName } from "../../reporters/index.js";
import { clearReports } from "../../reporters/write-report.js";
import type { Io } from "../program.js";

export interface VerifyOptions {
  api: string;
  baseUrl?: string;
  target?: "reference" | "prism";
  reporter: ReporterName[];
  output: string;
  tag?: string[];
  case?: string[];
  shard?: { index: number; count: number };
  timeout: number;
  concurrency: number;
  vars?: string;
  cases?: string;
  hooks?: string;
  allowRemote?: boolean;
  includePermanentDelete?: boolean;
  allowSkippedDocumented?: boolean;
  checks?: string[];
  excludeChecks?: string[];
  /** The credential flags the plugins declare, under commander's attribute names (e.g. `--x-token` as xToken). */
  [credentialFlag: string]: unknown;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Verifies implementations; 0 when every case passed, 1 when one failed or a documented example went unchecked. */
export async function verifyCommand(options: VerifyOptions, io: Io): Promise<number> {
  const requested: ApiName[] = options.api === "all" ? [...API_NAMES] : [options.api as ApiName];
  const writesFiles = options.reporter.some((name) => name !== "console");
  // First of all: whatever stops this run, no report of an earlier one may be taken for its result.
  if (writesFiles) await clearReports(options.output);
  if (options.baseUrl) checkBaseUrl(options.baseUrl, options);
  if (options.baseUrl && requested.length > 1) throw new UserError("--base-url verifies one API — add --api intercom or --api dfns");
  if (options.baseUrl && options.target) throw new UserError("--target starts an embedded implementation — drop it, or drop --base-url");
  // An unknown check name is a usage error before anything runs.
  selectChecks(CHECKS, { checks: options.checks, excludeChecks: options.excludeChecks }, { checks: "--checks", excludeChecks: "--exclude-checks" });
  const variables = options.vars ? readVariables(options.vars) : undefined;
  const hooks = options.hooks ? await importHooks(options.hooks) : undefined;
  const selection = {
    baseUrl: options.baseUrl,
    target: options.target,
    casesDir: options.cases,
    tags: options.tag,
    ids: options.case,
    shard: options.shard,
    includePermanentDelete: options.includePermanentDelete,
  };
  // Over several APIs, one whose cases the filters leave out is not run; a selection of nothing at all is an error.
  const apis = requested.length === 1 ? requested : await apisWithCases(requested, selection);
  if (apis.length === 0) throw new UserError(nothingSelected(selection));
  if (writesFiles) await mkdir(options.output, { recursive: true });
  // A counter of finished cases on a terminal; CI logs and pipes get plain lines only.
  const progress = process.stdout.isTTY ? terminalProgress(process.stderr) : undefined;
  const reporters = createReporters(options.reporter, { outputDir: options.output, write: io.out, progress });

  const results: RunResult[] = [];
  try {
    for (const api of apis) {
      const credentials = options.baseUrl ? API_PLUGINS[api].conformance.credentialsFrom(flagsOf(options), process.env) : undefined;
      results.push(
        await runConformance({
          api,
          ...selection,
          credentials,
          variables,
          timeoutMs: options.timeout * 1000,
          concurrency: options.concurrency,
          allowSkippedDocumented: options.allowSkippedDocumented,
          checks: options.checks,
          excludeChecks: options.excludeChecks,
          hooks,
          onEvent: (event) => reporters.handle(event),
        }),
      );
    }
    await reporters.finish();
  } finally {
    // An error line must not land on the counter's line.
    progress?.clear();
  }
  const unreachable = results.find((result) => !result.reached);
  if (unreachable?.connected) {
    throw new UserError(`${unreachable.baseUrl} accepted connections but never answered within --timeout ${options.timeout} s — check the implementation is serving HTTP there, or raise --timeout`);
  }
  if (unreachable) throw new UserError(`cannot connect to ${unreachable.baseUrl} — start the implementation or fix --base-url`);
  return results.some((result) => result.verdict === "fail") ? 1 : 0;
}

async function apisWithCases(apis: ApiName[], selection: Omit<ConformanceOptions, "api">): Promise<ApiName[]> {
  const counts = await Promise.all(apis.map(async (api) => selectedCases({ api, ...selection }, await loadContract(contractFile(api))).length));
  return apis.filter((_, i) => counts[i]! > 0);
}

function checkBaseUrl(baseUrl: string, options: VerifyOptions): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // The text may hold a password: it is not echoed.
    throw new UserError("--base-url is not a URL — pass one like http://127.0.0.1:8080");
  }
  if (url.username || url.password) {
    throw new UserError(`--base-url carries credentials (user:password@) — drop them and pass the API's credentials with their own flags or variables`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UserError(`--base-url must be http or https, not ${url.protocol}`);
  // Every archive is destructive: only a local implementation is verified without being asked.
  if (!LOOPBACK.has(url.hostname) && !options.allowRemote) {
    throw new UserError(`--base-url ${url.host} is not on this machine and the cases archive users — add --allow-remote if that is intended`);
  }
}

/** Every credential flag the plugins declare, keyed by flag (e.g. "--x-token"); a declared file must exist. */
function flagsOf(options: VerifyOptions): Record<string, string | undefined> {
  const flags: Record<string, string | undefined> = {};
  for (const plugin of Object.values(API_PLUGINS)) {
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
