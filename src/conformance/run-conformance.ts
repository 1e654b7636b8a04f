import path from "node:path";
import { selectChecks, type CheckRegistry } from "../checks/registry.js";
import { loadContract, type Contract } from "../contract/index.js";
import { UserError } from "../errors.js";
import { loadCases, selectCases, type CaseSelection } from "./cases.js";
import { secretCredentialValues, type ConformanceCredentials } from "./credentials.js";
import type { ConformanceSubject } from "./plugin.js";
import { createRedactor } from "./redact.js";
import { runCases, type Hooks } from "./run-cases.js";
import { MAX_TIMEOUT_MS } from "./transport.js";
import type { Variables } from "./template.js";
import type { Case, RunEvent, RunResult } from "./types.js";

export interface ConformanceOptions extends CaseSelection {
  /** The API's name, as its plugin registers it. */
  api: string;
  /** The implementation to verify; without it, the embedded `target` is started and verified. */
  baseUrl?: string;
  target?: "reference" | "prism";
  /** For `baseUrl`: the credentials the API's plugin declares (a token; for some APIs a credential id and private key). */
  credentials?: ConformanceCredentials;
  /** Callers, users and ids the cases name (`--vars`). */
  variables?: Variables;
  /** A folder of case files instead of the API's shipped ones. */
  casesDir?: string;
  /** Cases already loaded and selected (the vitest integration runs one at a time); skips loading. */
  cases?: Case[];
  timeoutMs?: number;
  maxResponseBytes?: number;
  concurrency?: number;
  includePermanentDelete?: boolean;
  /** Accept skipped documented examples: without it, one makes the verdict "fail". */
  allowSkippedDocumented?: boolean;
  /**
   * Run only these checks, by name (default: all). A semantic check a step requests and the
   * selection leaves out hands that step's status to `status-code`.
   */
  checks?: string[];
  /** Run every check but these, by name. */
  excludeChecks?: string[];
  hooks?: Hooks;
  onEvent?: (event: RunEvent) => void;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** The tags whose cases a run leaves out: permanent deletes unless asked, and on Prism what needs state or logic. */
function excludedTags(options: Pick<ConformanceOptions, "baseUrl" | "target" | "includePermanentDelete">): string[] {
  const target = options.baseUrl ? undefined : (options.target ?? "reference");
  return [...(options.includePermanentDelete ? [] : ["permanent-delete"]), ...(target === "prism" ? ["stateful"] : [])];
}

/** An embedded implementation a run started: where it listens, the credentials and variables that fit it, and how to stop it. */
export interface EmbeddedImplementation {
  url: string;
  credentials: ConformanceCredentials;
  variables: Variables;
  close(): Promise<void>;
}

/** What a run is handed rather than importing: the API, every check its runs know, and how to start it embedded. */
export interface ConformanceEngine {
  subject: ConformanceSubject;
  /** The core checks and the API's own, by name. */
  checks: CheckRegistry;
  startEmbedded(target: "reference" | "prism"): Promise<EmbeddedImplementation>;
}

/** The cases a run takes: the API's (or `casesDir`'s) case files, filtered, sharded and in id order. */
export function selectedCases(engine: Pick<ConformanceEngine, "subject" | "checks">, options: Omit<ConformanceOptions, "api">, contract: Contract): Case[] {
  const dir = options.casesDir ? path.resolve(options.casesDir) : engine.subject.casesDir;
  const cases = loadCases(dir, contract, engine.checks, engine.subject.caseRequestSchema);
  return selectCases(cases, { tags: options.tags, ids: options.ids, shard: options.shard, excludeTags: [...(options.excludeTags ?? []), ...excludedTags(options)] });
}

/** Why a selection came out empty, and how to widen it. */
export function nothingSelected(options: Pick<ConformanceOptions, "tags" | "excludeTags" | "ids" | "shard">): string {
  const filters = [
    ...(options.ids?.length ? [`--case ${options.ids.join(" ")}`] : []),
    ...(options.tags?.length ? [`--tag ${options.tags.join(" ")}`] : []),
    ...(options.excludeTags?.length ? [`--exclude-tag ${options.excludeTags.join(" ")}`] : []),
    ...(options.shard ? [`--shard ${options.shard.index}/${options.shard.count}`] : []),
  ];
  return filters.length > 0
    ? `no case matches ${filters.join(" ")} — check the ids and tags in the case files (conformance/<api>/*.yaml)`
    : "no case to run — add case files, or drop the options that exclude them";
}

/** Verifies one implementation of an API against the contract and the cases; resolves to the results. */
export async function runConformanceWith(engine: ConformanceEngine, options: ConformanceOptions): Promise<RunResult> {
  if (options.timeoutMs !== undefined && !(options.timeoutMs >= 1 && options.timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new UserError(`timeoutMs ${options.timeoutMs} is out of range — pass a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  }
  if (options.baseUrl && hasUserinfo(options.baseUrl)) {
    throw new UserError("baseUrl carries credentials (user:password@) — drop them and pass the API's credentials in credentials");
  }
  const { subject } = engine;
  const checks = selectChecks(engine.checks, { checks: options.checks, excludeChecks: options.excludeChecks });
  const contract = await loadContract(subject.contractFile);
  const target = options.baseUrl ? undefined : (options.target ?? "reference");
  const selected = options.cases ?? selectedCases(engine, options, contract);
  if (selected.length === 0) throw new UserError(`${subject.name}: ${nothingSelected(options)}`);

  let baseUrl = options.baseUrl;
  let credentials = options.credentials;
  let variables = options.variables ?? {};
  let stop = async () => {};
  if (target) {
    const embedded = await engine.startEmbedded(target);
    [baseUrl, credentials, variables, stop] = [embedded.url, embedded.credentials, { ...embedded.variables, ...variables }, embedded.close];
  }
  const plugin = subject.conformance;
  const redactor = createRedactor({ secretHeaders: plugin.secretHeaders });
  redactor.addFrom(credentials ?? {});
  for (const secret of secretCredentialValues(plugin.credentials, credentials ?? {})) redactor.add(secret);
  try {
    return await runCases({
      apiName: subject.name,
      baseUrl: baseUrl!,
      contract,
      api: { ...plugin.createApi(credentials ?? {}), errorSchemaName: subject.errorSchemaName },
      checks,
      cases: selected,
      variables,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      concurrency: options.concurrency ?? 1,
      allowSkippedDocumented: options.allowSkippedDocumented,
      hooks: options.hooks,
      onEvent: options.onEvent,
      redactor,
      secretHeaders: plugin.secretHeaders,
      // The embedded implementations come with credentials that fit them; a given one's are checked first.
      preflight: !target,
      confirmCreated: target !== "prism",
    });
  } finally {
    await stop();
  }
}

function hasUserinfo(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return url.username !== "" || url.password !== "";
  } catch {
    return false;
  }
}
