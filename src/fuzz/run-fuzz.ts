import type { Tamperings } from "./tamper.js";
import type { UserModel } from "./model/types.js";
import { availableParallelism } from "node:os";
import fc from "fast-check";
import { loadContract, type Contract, type Operation } from "../contract/index.js";
import { secretCredentialValues, type ConformanceCredentials } from "../conformance/credentials.js";
import { createRedactor } from "../conformance/redact.js";
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS, type ConformanceEngine } from "../conformance/run-conformance.js";
import { storedResult } from "../conformance/stored.js";
import { reachOf, runSummary } from "../conformance/summary.js";
import type { Variables } from "../conformance/template.js";
import { preflightProblem, type PreflightContext } from "../conformance/preflight.js";
import { createTransport, MAX_TIMEOUT_MS, type Transport } from "../conformance/transport.js";
import type { CaseResult, RunEvent, RunResult, StepResult } from "../conformance/types.js";
import { UserError } from "../errors.js";
import { fuzzCaseResult, type FuzzCase } from "./case-result.js";
import { caseProperties, checkCaseProperty, ownUsersPositives, type CaseProperty, type UnavailableProperty } from "./case-properties.js";
import { exampleRunners, type ExampleRunners } from "./example-runners.js";
import { runInLanes } from "./lanes.js";
import { assertSaveFailuresDir, failureCase, isPermanentDelete, writeFailureCase } from "./failure-case.js";
import { checkProperty, type PropertyOutcome, type PropertyRun } from "./property.js";
import { DEFAULT_MAX_TIME_S, watchForStop, type FuzzStop } from "./run-stop.js";
import { kebab } from "./sequences.js";
import type { GeneratedRequest } from "./types.js";
import { verdictFor } from "./verdict.js";
import { extraHeaders, undocumentedMethods } from "./peer-checks.js";
import { coverageRequests } from "./coverage.js";
import { coverageTally, type Coverage } from "./coverage-tally.js";
import { openRecorder } from "./record.js";

/** Request arbitraries of one operation, drawn from the contract. */
export interface Generators {
  positive(contract: Contract, operation: Operation): fc.Arbitrary<GeneratedRequest>;
  negative(contract: Contract, operation: Operation): fc.Arbitrary<GeneratedRequest>;
}

/** What the fuzz engine is given rather than importing (issue 9: layers point one way). */
export interface FuzzDeps {
  /** The API, every check its runs know, and how to start it embedded: the same engine `verify` runs on. */
  engine: Pick<ConformanceEngine, "subject" | "checks" | "startEmbedded">;
  generators: Generators;
  /** The plugin's tamperings of signed requests and their documented refusals (`fuzz.tamperings`). */
  tamperings?: Tamperings;
  /** The plugin's model of its users (`fuzz.model`); none: no model sequences. */
  model?: UserModel;
  /** Case request fields a request without valid credentials also needs (`fuzz.withoutCredentials`). */
  withoutCredentials?: Record<string, unknown>;
  /** Parameters the plugin fills itself (`fuzz.skipParameters`): the coverage phase never varies them. */
  skipParameters?: readonly string[];
}

export interface FuzzOptions {
  /** The implementation to fuzz; without it, the embedded reference is started and fuzzed. */
  baseUrl?: string;
  /** For `baseUrl`: the credentials the API's plugin declares. */
  credentials?: ConformanceCredentials;
  /** operationIds to fuzz (default: all but permanent deletes). */
  operations?: string[];
  /** Makes the run repeat exactly (default: a random one, reported in `seed`). */
  seed?: number;
  /** Examples per operation: that many valid requests, and that many invalid ones. */
  maxExamples?: number;
  /** The whole run's time budget in seconds; a property cut short counts the examples it ran. */
  durationS?: number;
  /** The whole run's bound in seconds (default DEFAULT_MAX_TIME_S): past it the run stops, with no verdict (`stopped`). */
  maxTimeS?: number;
  includePermanentDelete?: boolean;
  /**
   * Valid requests that archive, delete or change a user may address drawn values (`user_id=25`:
   * somebody's user 25), for a disposable server. Default: only for the embedded reference;
   * otherwise they address only users the run created and confirmed as its own.
   */
  allowDrawnTargets?: boolean;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Writes each failure here as a case file `verify --cases` replays. */
  saveFailuresDir?: string;
  /**
   * Properties checked at once (default: the machine's cores). Each draws what the seed gives it
   * whatever the number, and the cases are reported in the same order.
   */
  workers?: number;
  /** Only every `count`-th property, from the `index`-th (1-based): `--shard 2/3` splits a run over CI jobs. */
  shard?: { index: number; count: number };
  /** Writes every exchange with its verdict here: NDJSON, or HAR 1.2 for a name ending in .har. */
  recordFile?: string;
  onEvent?: (event: RunEvent) => void;
}

export interface FuzzResult extends RunResult {
  seed: number;
  /** The case files written for `saveFailuresDir`. */
  savedFailures: string[];
  /** Why the run stopped before its end (then its verdict is "fail" and what it left is not reported). */
  stopped?: FuzzStop;
  /** What the run's exchanges reached: [covered, of all] operations selected, documented statuses of them, links followed. */
  covered: Coverage;
  /** The exchanges written to `recordFile`. */
  recorded?: number;
}

export const DEFAULT_MAX_EXAMPLES = 100;
export { DEFAULT_MAX_TIME_S } from "./run-stop.js";

/** The most properties checked at once: more only queue on one thread. */
const MAX_WORKERS = 64;

/** The longest --max-time: a day, well inside what a Node timer holds. */
const MAX_MAX_TIME_S = 86_400;

/**
 * Fuzzes an implementation: for each operation, positive requests and each kind of negative one,
 * as fast-check properties judged by the checks. Each failure is shrunk to a minimal request,
 * reported with a curl line, and optionally saved as a case file. One case per operation × kind.
 */
export async function runFuzz(options: FuzzOptions, deps: FuzzDeps): Promise<FuzzResult> {
  const started = performance.now();
  const apiName = deps.engine.subject.name;
  const plugin = deps.engine.subject.conformance;
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const maxExamples = options.maxExamples ?? DEFAULT_MAX_EXAMPLES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS)) throw new UserError(`timeoutMs ${timeoutMs} is out of range — pass a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  const maxTimeS = options.maxTimeS ?? DEFAULT_MAX_TIME_S;
  if (!(maxTimeS > 0 && maxTimeS <= MAX_MAX_TIME_S)) throw new UserError(`maxTimeS ${maxTimeS} is out of range — pass a number of seconds above 0, up to ${MAX_MAX_TIME_S}`);
  const workers = options.workers ?? availableParallelism();
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= MAX_WORKERS)) throw new UserError(`workers ${workers} is out of range — pass a whole number from 1 to ${MAX_WORKERS}`);
  const shard = options.shard;
  if (shard && !(Number.isInteger(shard.count) && Number.isInteger(shard.index) && shard.count >= 1 && shard.index >= 1 && shard.index <= shard.count)) {
    throw new UserError(`shard ${shard.index}/${shard.count} is not one of the run's parts — pass i/n with 1 ≤ i ≤ n, e.g. 1/3`);
  }
  const inShard = (index: number) => !shard || index % shard.count === shard.index - 1;
  const deadline = options.durationS === undefined ? Infinity : started + options.durationS * 1000;
  if (options.saveFailuresDir) await assertSaveFailuresDir(options.saveFailuresDir);

  const contract = await loadContract(deps.engine.subject.contractFile);
  const operations = selectOperations(options, contract, apiName);
  const target = await connect(options, deps.engine);
  const recorder = options.recordFile ? await openRecorder(options.recordFile, target.redactor).catch(async (error: unknown) => {
    await target.stop();
    throw error;
  }) : undefined;
  const tally = coverageTally(contract, operations);
  const allowDrawnTargets = options.allowDrawnTargets ?? options.baseUrl === undefined;
  const transport = createTransport(target.baseUrl, { timeoutMs, maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, secretHeaders: plugin.secretHeaders });
  // A stop cuts the exchanges in flight: nothing waits out its timeout.
  const watch = watchForStop(maxTimeS, () => transport.close());
  const api = { ...plugin.createApi(target.credentials), errorSchemaName: deps.engine.subject.errorSchemaName };
  // A given implementation is first checked as verify checks it: reachable, speaking HTTP, accepting the credentials.
  const problem = options.baseUrl ? await preflight({ api, apiName, baseUrl: target.baseUrl, timeoutMs, contract, variables: target.variables, memory: {} }, transport) : undefined;
  if (problem) {
    watch.end();
    transport.close();
    await recorder?.close();
    const result = notFuzzed({ apiName, baseUrl: target.baseUrl, seed, error: target.redactor.redact(problem), covered: tally.covered() }, transport);
    options.onEvent?.({ type: "run-finished", result });
    return result;
  }
  const environment = { contract, checks: deps.engine.checks, api, variables: target.variables };
  const propertyOptions = { apiName, positive: deps.generators.positive, caseRequestSchema: deps.engine.subject.caseRequestSchema, tamperings: deps.tamperings ?? {}, model: deps.model, withoutCredentials: deps.withoutCredentials, allowDrawnTargets };
  // Whole generated cases: lifecycles along the links, tampered signed requests (case-properties.ts).
  const lifecycles = caseProperties(contract, operations, propertyOptions);
  // The peers' checks over the whole API: methods a path lacks, unknown headers on reads.
  const peers = [undocumentedMethods(contract, operations, deps.generators.positive), extraHeaders(contract, operations, deps.generators.positive)].filter((property) => property !== undefined);
  options.onEvent?.({
    type: "run-started",
    api: apiName,
    baseUrl: target.baseUrl,
    // Each operation's valid and invalid requests, and each case property (those of the shard); a failing kind of violation adds a case.
    total: [...operations.map(() => 3), ...peers.map(() => 1), ...lifecycles.map(() => 1)].filter((_, index) => inShard(index)).reduce((sum, count) => sum + count, 0),
    operations: contract.operations.map((operation) => ({ operationId: operation.operationId, method: operation.method.toUpperCase(), path: operation.pathTemplate, statuses: Object.keys(operation.responses) })),
  });
  const results: CaseResult[] = [];
  const savedFailures: string[] = [];
  const durationSpent = `--duration ${options.durationS} s was spent before it`;
  /** Checks one property of generated requests as a case (shrunk, saved when asked, redacted), given to `report`. */
  const check = (property: FuzzCase, arbitrary: fc.Arbitrary<GeneratedRequest>, lane: Lane, exclude?: PropertyRun["exclude"]): Promise<PropertyOutcome> =>
    reported(property, lane, (remainingMs) => checkProperty(arbitrary, lane.runners.request, { seed, numRuns: maxExamples, timeLimitMs: Math.min(remainingMs, 2 ** 31 - 1), exclude }), exclude !== undefined);
  /** Sends a fixed list of requests in turn (the coverage phase), the first failure its outcome: nothing to shrink. */
  const checkList = (property: FuzzCase, requests: GeneratedRequest[], lane: Lane): Promise<PropertyOutcome> =>
    reported(property, lane, async () => {
      for (const [index, generated] of requests.entries()) {
        if (performance.now() > deadline) return { verdict: "passed", examples: index, interrupted: true };
        const outcome = await lane.runners.request(generated);
        if (outcome.verdict === "skipped") return outcome;
        if (outcome.verdict === "failed") return { verdict: "failed", examples: index + 1, shrinks: 0, counterexample: generated, failure: outcome };
      }
      return { verdict: "passed", examples: requests.length, interrupted: false };
    });
  /** Runs a property of generated requests on its lane and reports it as a case: saved when asked, redacted. */
  const reported = async (property: FuzzCase, lane: Lane, run: (remainingMs: number) => Promise<PropertyOutcome>, byKind = false): Promise<PropertyOutcome> => {
    const { runners, report } = lane;
    lane.property = property.name;
    const caseStarted = performance.now();
    const remainingMs = deadline - performance.now();
    runners.startProperty();
    const outcome: PropertyOutcome = remainingMs > 0 ? await run(remainingMs) : { verdict: "skipped", reason: durationSpent };
    const kind = byKind && outcome.verdict === "failed" ? outcome.counterexample.violation?.kind : undefined;
    // A failing negative is reported under its kind of violation: the next round leaves that kind out.
    const fuzzCase = kind ? { ...property, name: `${property.name}-${kebab(kind)}`, label: `requests violating ${kind}` } : property;
    let saved: string | undefined;
    if (outcome.verdict === "failed" && options.saveFailuresDir) {
      const file = failureCase({ apiName, name: fuzzCase.name, operation: fuzzCase.operation, generated: outcome.counterexample, verdict: verdictFor(fuzzCase.operation, outcome.counterexample), seed });
      const written = file.ok ? await writeFailureCase(options.saveFailuresDir, file) : file;
      if (written.ok) savedFailures.push(written.file);
      saved = written.ok ? `saved as ${written.file}` : `not saved: ${written.reason}`;
    }
    const durationMs = Math.round(performance.now() - caseStarted);
    report(storedResult(fuzzCaseResult(apiName, fuzzCase, outcome, { seed, saved, durationMs, redactor: target.redactor }), target.redactor));
    return outcome;
  };
  /** Checks one property of generated cases and reports it. */
  const checkCases = async (property: CaseProperty | UnavailableProperty, lane: Lane) => {
    const { runners, report } = lane;
    lane.property = property.name;
    const run = { apiName, seed, numRuns: maxExamples, remainingMs: deadline - performance.now(), durationS: options.durationS, saveFailuresDir: options.saveFailuresDir, runExample: runners.case, redactor: target.redactor };
    const { result, saved } = await checkCaseProperty(property, run);
    if (saved) savedFailures.push(saved);
    report(result);
  };
  const identityFields = Object.keys(api.identity.fields);
  /** Each operation's valid and invalid requests, the peers' checks, then the case properties: each reports one or more cases. */
  const tasks: Array<(lane: Lane) => Promise<void>> = [
    ...operations.map((operation) => async (lane: Lane) => {
      const name = `fuzz-${kebab(operation.operationId)}`;
      // The coverage phase first: boundaries, enum members and optionals absent, the same every run.
      const coverage = coverageRequests(contract, operation, deps.generators.positive(contract, operation), { seed, skipParameters: deps.skipParameters, positives: allowDrawnTargets || operation.method.toLowerCase() === "get" });
      if (coverage.length > 0) {
        const invalid = coverage.filter((generated) => generated.violation).length;
        await checkList({ name: `${name}-coverage`, operation, label: `coverage: boundaries, enum members, optionals absent (${coverage.length - invalid} valid, ${invalid} invalid)` }, coverage, lane);
      }
      const ownUsers = ownUsersPositives(contract, operation, { ...propertyOptions, identityFields });
      if (ownUsers) await checkCases(ownUsers, lane);
      else await check({ name: `${name}-positive`, operation, label: "valid requests" }, deps.generators.positive(contract, operation), lane);
      // One negative property per operation; each kind of violation that fails is reported and left out of the next round.
      const negatives = deps.generators.negative(contract, operation);
      const failedKinds = new Set<string>();
      while (!watch.stopped) {
        const exclude = (generated: GeneratedRequest) => failedKinds.has(generated.violation?.kind ?? "");
        const label = `requests violating one constraint each${failedKinds.size > 0 ? ` (but ${[...failedKinds].join(", ")})` : ""}`;
        const outcome = await check({ name: `${name}-negative`, operation, label }, negatives, lane, exclude);
        const kind = outcome.verdict === "failed" ? outcome.counterexample.violation?.kind : undefined;
        if (!kind || failedKinds.has(kind)) break;
        failedKinds.add(kind);
      }
    }),
    ...peers.map((property) => async (lane: Lane) => void (await check(property.fuzzCase, property.arbitrary, lane))),
    ...lifecycles.map((property) => (lane: Lane) => checkCases(property, lane)),
  ];
  const mine = tasks.filter((_, index) => inShard(index));
  const openLanes: ExampleRunners[] = [];
  let recorded: number | undefined;
  try {
    // Each task on a connection and a report of its own; the reports join the results in the tasks' order, however many run at once.
    await runInLanes(
      mine.length,
      workers,
      async (index) => {
        const found: CaseResult[] = [];
        if (watch.stopped) return found;
        const lane = { property: "" } as Lane;
        const onJudged = (result: StepResult) => {
          tally.see(result);
          recorder?.record(result, `${apiName}/${lane.property}`);
        };
        const runners = exampleRunners(transport, { ...environment, onJudged }, watch, target.redactor);
        openLanes.push(runners);
        Object.assign(lane, { runners, report: (result: CaseResult) => void found.push(result) });
        try {
          await mine[index]!(lane);
        } finally {
          runners.close();
        }
        return found;
      },
      (found) => {
        for (const result of found) {
          results.push(result);
          options.onEvent?.({ type: "case-finished", result });
        }
      },
    );
  } finally {
    watch.end();
    for (const runners of openLanes) runners.close();
    recorded = await recorder?.close();
    transport.close();
    await target.stop();
  }
  const summary = runSummary(results, started);
  const failed = summary.failed;
  const result: FuzzResult = {
    api: apiName,
    baseUrl: target.baseUrl,
    ...reachOf(transport),
    cases: results,
    summary,
    allowSkippedDocumented: false,
    // Never green when nothing was checked (every property skipped: its --duration spent), nor when the run stopped.
    verdict: failed > 0 || watch.stopped !== undefined || results.every((item) => item.status === "skipped") ? "fail" : "pass",
    seed,
    savedFailures,
    covered: tally.covered(),
    ...(recorded !== undefined ? { recorded } : {}),
    ...(watch.stopped ? { stopped: watch.stopped } : {}),
  };
  options.onEvent?.({ type: "run-finished", result });
  return result;
}

/** What a property is checked with: its own connections, and where its cases go. */
interface Lane {
  runners: ExampleRunners;
  report(result: CaseResult): void;
  /** The property it is checking: what its exchanges are recorded under. */
  property: string;
}

/** The preflight on a session of its own: why the run cannot judge the implementation, or undefined. */
async function preflight(context: Omit<PreflightContext, "send">, transport: Transport): Promise<string | undefined> {
  const session = transport.session();
  try {
    return await preflightProblem({ ...context, send: (outgoing) => session.send(outgoing) });
  } finally {
    session.close();
  }
}

/** A run the preflight stopped: nothing was fuzzed, so it is neither a pass nor the API's failure. */
function notFuzzed(run: { apiName: string; baseUrl: string; seed: number; error: string; covered: Coverage }, transport: Transport): FuzzResult {
  return {
    api: run.apiName,
    baseUrl: run.baseUrl,
    reached: transport.answered() > 0,
    connected: transport.connected() > 0,
    cases: [],
    summary: { passed: 0, failed: 0, skipped: 0, warnings: 0, skippedDocumented: 0, durationMs: 0 },
    allowSkippedDocumented: false,
    verdict: "fail",
    error: run.error,
    seed: run.seed,
    savedFailures: [],
    covered: run.covered,
  };
}

/** The operations to fuzz, in the contract's order: those named, or all; a permanent delete only when asked. */
function selectOperations(options: FuzzOptions, contract: Contract, apiName: string): Operation[] {
  for (const id of options.operations ?? []) {
    if (!contract.byId(id)) throw new UserError(`operation ${id} is not in ${apiName}'s contract — use one of ${contract.operations.map((operation) => operation.operationId).join(", ")}`);
  }
  const selected = contract.operations.filter((operation) => (options.operations?.length ? options.operations.includes(operation.operationId) : true));
  const refused = selected.find((operation) => isPermanentDelete(operation) && !options.includePermanentDelete && options.operations?.includes(operation.operationId));
  if (refused) throw new UserError(`operation ${refused.operationId} deletes users for good — add --include-permanent-delete to fuzz it`);
  return selected.filter((operation) => options.includePermanentDelete || !isPermanentDelete(operation));
}

/** The implementation to fuzz: the base URL with the given credentials, or the embedded reference; a redactor that knows their secrets. */
async function connect(options: FuzzOptions, engine: FuzzDeps["engine"]) {
  let target = { baseUrl: options.baseUrl ?? "", credentials: options.credentials ?? {}, variables: {} as Variables, stop: async () => {} };
  if (!options.baseUrl) {
    const embedded = await engine.startEmbedded("reference");
    target = { baseUrl: embedded.url, credentials: embedded.credentials, variables: embedded.variables, stop: embedded.close };
  }
  const plugin = engine.subject.conformance;
  const redactor = createRedactor({ secretHeaders: plugin.secretHeaders });
  redactor.addFrom(target.credentials);
  for (const secret of secretCredentialValues(plugin.credentials, target.credentials)) redactor.add(secret);
  return { ...target, redactor };
}
