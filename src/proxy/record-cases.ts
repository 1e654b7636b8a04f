import { dump } from "js-yaml";
import type { Contract, Operation } from "../contract/index.js";
import type { CaseRequest, Expect, StepResult } from "../conformance/types.js";
import { parseJson } from "../conformance/http-exchange.js";
import { REDACTED } from "../conformance/redact.js";
import { writeFailureCase } from "../fuzz/failure-case.js";
import { kebab } from "../fuzz/sequences.js";
import type { ApiPlugin } from "../plugin.js";
import type { ProxiedExchange } from "./run-proxy.js";

/** A recorded step: the request a replay sends and what it must get. */
interface RecordedStep {
  sequence: number;
  title: string;
  request: CaseRequest;
  expect: Expect;
  checks?: string[];
  failed: boolean;
  operation: Operation | undefined;
}

/**
 * Exchanges that address one user, in order: one case. A user the traffic created has its create
 * as the case's `given` and its ids as templates; any other user is addressed literally (a
 * fixture's id), its exchanges joined by the identifiers they share.
 */
interface Thread {
  name: string;
  /** The created user's create body, as a replay creates it. */
  given?: Record<string, unknown>;
  /** The create itself, as recorded: the case when nothing else addressed the user. */
  created?: RecordedStep;
  /** The created user's values later requests name: replaced by templates. */
  ids: Array<{ field: string; value: string }>;
  /** The identifiers its exchanges sent or were answered: a later exchange naming one joins it. */
  identifiers: Set<string>;
  steps: RecordedStep[];
  /** A step of it failed: what followed depends on a state a replay cannot rebuild. */
  broken: boolean;
}

function literalThread(number: number): Thread {
  return { name: `thread${number}`, ids: [], identifiers: new Set(), steps: [], broken: false };
}

/** The values a request addresses a user by: its path parameters and query values. */
function identifiersOf(contract: Contract, request: CaseRequest): string[] {
  const pathParams = Object.values(contract.match(request.method, request.path)?.pathParams ?? {});
  return [...pathParams, ...Object.values(request.query ?? {})].filter((value) => value.length > 0);
}

/** Keys of values the documents fix (kinds, codes) or that say yes or no: compared strictly on replay. */
const MACHINE_KEYS = /^(type|kind|code|status|object)$/;
/** Keys of human-readable wording: compared as examples, a difference only a warning. */
const WORDING_KEYS = /^(message|detail|description|title|error_description)$/;
/** Keys that name a user: their values become the created user's template in a replay. */
const ID_KEY = /(^|_)id$|Id$/;

/**
 * Writes what passed through the proxy as case files `verify --cases` replays: each user the
 * traffic created becomes a `given`, the requests on it the case's steps (ids as templates); the
 * exchanges on any other user, joined by the identifiers they share, one case in their order.
 * Machine-readable fields are `values`, wording `examples`. An exchange that failed becomes a
 * regression case of its own (its user's steps before it, then it), so it never spoils the others. Resolves to how many cases were written and
 * which exchanges were not recorded, with why.
 */
export async function recordCases(dir: string, exchanges: readonly ProxiedExchange[], context: { plugin: ApiPlugin; contract: Contract }): Promise<{ cases: number; left: string[] }> {
  const { contract, plugin } = context;
  const identityFields = plugin.conformance.createApi({}).identity.fields;
  const left: string[] = [];
  const threads: Thread[] = [];
  const files: Array<{ file: string; text: string }> = [];
  const write = (name: string, body: Record<string, unknown>) => {
    const id = kebab(name);
    files.push({ file: `${id}.yaml`, text: dump({ id: `recorded/${kebab(plugin.name)}-${id}`, ...body }, { lineWidth: -1, noRefs: true }) });
  };

  for (const exchange of [...exchanges].sort((a, b) => a.sequence - b.sequence)) {
    const step = exchange.result.steps[0]!;
    const shown = `#${exchange.sequence} ${step.exchange.request.method} ${step.exchange.request.target.split("?")[0]}`;
    const skip = (why: string) => left.push(`${shown}: ${why}`);
    if (!step.exchange.response) {
      skip("no answer from the upstream");
      continue;
    }
    if (exchange.answeredBy === "proxy") {
      skip("answered by the proxy, not the upstream");
      continue;
    }
    if (exchange.carriesSecrets) {
      skip("its body carries a one-time secret (a replay signs for itself)");
      continue;
    }
    if (exchange.rule.kind === "single-use") {
      skip("a replay cannot present one credential twice as this client did");
      continue;
    }
    const auth = exchange.rule.kind === "credentials" ? credentialCase(exchange.rule.missing) : undefined;
    if (auth === "unrecordable") {
      skip("it lacked a credential besides Authorization, which a case cannot leave out generically");
      continue;
    }
    const operation = step.operationId ? contract.operations.find((item) => item.operationId === step.operationId) : undefined;
    const recorded = recordStep(exchange, step, operation, auth);
    const answer = parseJson(step.exchange.response.text);
    const model = exchange.rule.kind === "model" ? exchange.rule.model : undefined;
    if (model?.command === "create" && !recorded.failed && step.exchange.response.status < 300 && isObject(recorded.request.body)) {
      threads.push(lifecycleOf(model.user, recorded, answer, identityFields));
      continue;
    }
    const identifiers = identifiersOf(contract, recorded.request);
    const thread =
      (model && threads.find((candidate) => candidate.name === model.user)) ??
      threads.find((candidate) => candidate.given && mentions(recorded.request, candidate)) ??
      threads.find((candidate) => !candidate.given && identifiers.some((value) => candidate.identifiers.has(value)));
    if (thread?.broken) {
      skip(`it follows a failed exchange on the same user (${thread.name})`);
      continue;
    }
    const joined = thread ?? literalThread(threads.length + 1);
    if (!thread) threads.push(joined);
    const added = joined.given ? templatedStep(recorded, joined) : recorded;
    for (const value of [...identifiers, ...idsOf(answer).map((id) => id.value)]) joined.identifiers.add(value);
    if (added.failed) {
      joined.broken = true;
      write(`${pad(exchange.sequence)}-${operation?.operationId ?? "undocumented"}-regression`, caseBody([...joined.steps, added], joined, plugin));
    } else {
      joined.steps.push(added);
    }
  }
  for (const thread of threads) {
    // A created user nothing else addressed: its create, as it was sent, is the case.
    const steps = thread.steps.length === 0 && thread.created ? [thread.created] : thread.steps;
    if (steps.length === 0) continue;
    const first = steps[0]!;
    const name = thread.given && thread.steps.length > 0 ? `${thread.name}-lifecycle` : `${first.operation?.operationId ?? "undocumented"}${steps.length > 1 ? `-and-${steps.length - 1}-more` : ""}`;
    write(`${pad(first.sequence)}-${name}`, caseBody(steps, thread.steps.length > 0 ? thread : undefined, plugin));
  }
  for (const file of files) {
    const written = await writeFailureCase(dir, file);
    if (!written.ok) left.push(written.reason);
  }
  return { cases: files.length, left };
}

const pad = (sequence: number) => String(sequence).padStart(5, "0");

/** A request that lacked only Authorization replays with `auth: none`; one that lacked another credential cannot be written generically. */
function credentialCase(missing: string[]): "none" | "unrecordable" {
  return missing.every((item) => item.startsWith("Authorization")) ? "none" : "unrecordable";
}

function recordStep(exchange: ProxiedExchange, step: StepResult, operation: Operation | undefined, auth: "none" | undefined): RecordedStep {
  const { request, response } = step.exchange;
  const [path = "", query] = request.target.split(/\?(.*)/s);
  const json = parseJson(request.body);
  const caseRequest: CaseRequest = {
    method: request.method,
    path,
    ...(query ? { query: Object.fromEntries(new URLSearchParams(query)) } : {}),
    ...(kept(request.headers, operation) ? { headers: kept(request.headers, operation) } : {}),
    ...(request.body === "" ? {} : json === undefined ? { rawBody: request.body } : { body: json }),
    ...(auth ? { auth } : {}),
  };
  const failed = step.failures.length > 0;
  const rule = exchange.rule;
  const judgedBy = rule.kind === "model" ? { expect: rule.model.expect, checks: rule.model.checks } : rule.kind === "credentials" ? { expect: { status: [401, 403].filter((status) => operation?.responses[String(status)]) as Expect["status"] }, checks: ["auth-required"] } : undefined;
  const expect = judgedBy?.expect ?? observedExpect(response!.status, parseJson(response!.text));
  return { sequence: exchange.sequence, title: exchange.result.title, request: caseRequest, expect, ...(judgedBy ? { checks: judgedBy.checks } : {}), failed, operation };
}

/** The headers a replay sends besides what its run adds (credentials, signing): Accept, Content-Type, and the operation's documented header parameters. */
function kept(headers: Record<string, string>, operation: Operation | undefined): Record<string, string> | undefined {
  const documented = new Set(["accept", "content-type", ...(operation?.parameters.filter((parameter) => parameter.in === "header").map((parameter) => parameter.name.toLowerCase()) ?? [])]);
  const chosen = Object.fromEntries(Object.entries(headers).filter(([name, value]) => documented.has(name.toLowerCase()) && !value.includes(REDACTED)));
  return Object.keys(chosen).length > 0 ? chosen : undefined;
}

/** What an answer must be on replay: its status, its machine-readable fields as values, its wording as examples. */
function observedExpect(status: number, json: unknown): Expect {
  const values = pick(json, (key, value) => typeof value === "boolean" || (typeof value === "string" && MACHINE_KEYS.test(key)));
  const examples = pick(json, (key, value) => typeof value === "string" && WORDING_KEYS.test(key));
  return { status, ...(values ? { values } : {}), ...(examples ? { examples: { values: examples } } : {}) };
}

/** The fields of an object (and its nested objects, not arrays) that `keep` selects; undefined when none. */
function pick(json: unknown, keep: (key: string, value: unknown) => boolean, depth = 0): Record<string, unknown> | undefined {
  if (!isObject(json) || depth > 3) return undefined;
  const chosen: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    if (isObject(value)) {
      const nested = pick(value, keep, depth + 1);
      if (nested) chosen[key] = nested;
    } else if (keep(key, value)) chosen[key] = value;
  }
  return Object.keys(chosen).length > 0 ? chosen : undefined;
}

/**
 * A created user as a replay creates it: the identifying texts of its create (e-mail, user_id)
 * made unique to each run (`ak-{{ run.id }}-…`, as verify requires), and every value later
 * requests may address it by — its answer's ids, and those texts — to be replaced by templates.
 */
function lifecycleOf(name: string, created: RecordedStep, answer: unknown, identityFields: Readonly<Record<string, string>>): Thread {
  const body = created.request.body as Record<string, unknown>;
  const create = { ...body };
  const ids = idsOf(answer);
  for (const [sent, answered] of Object.entries(identityFields)) {
    const value = body[sent];
    if (typeof value !== "string" || value === "") continue;
    create[sent] = `ak-{{ run.id }}-${value}`;
    ids.push({ field: answered, value });
  }
  // Longest first: a value inside another (a user_id inside an e-mail) is replaced only where it stands alone.
  ids.sort((a, b) => b.value.length - a.value.length);
  return { name, given: create, created, ids, identifiers: new Set(), steps: [], broken: false };
}

/** The created user's id-like string fields: what later requests address it by. */
function idsOf(answer: unknown): Thread["ids"] {
  if (!isObject(answer)) return [];
  return Object.entries(answer).flatMap(([field, value]) => (typeof value === "string" && ID_KEY.test(field) && value.length >= 4 ? [{ field, value }] : []));
}

function mentions(request: CaseRequest, lifecycle: Thread): boolean {
  const text = JSON.stringify(request);
  return lifecycle.ids.some(({ value }) => text.includes(value));
}

/** The step with the user's ids as templates (`{{ user1.id }}`), in its request and its expectations. */
function templatedStep(step: RecordedStep, lifecycle: Thread): RecordedStep {
  const replace = (value: unknown): unknown => {
    if (typeof value === "string") {
      let result = value;
      for (const { field, value: id } of lifecycle.ids) {
        if (result === id) return `{{ ${lifecycle.name}.${field} }}`;
        result = result.split(`/${id}`).join(`/{{ ${lifecycle.name}.${field} }}`);
      }
      return result;
    }
    if (Array.isArray(value)) return value.map(replace);
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replace(item)]));
    return value;
  };
  return { ...step, request: replace(step.request) as CaseRequest, expect: replace(step.expect) as Expect };
}

function caseBody(steps: RecordedStep[], thread: Thread | undefined, plugin: ApiPlugin): Record<string, unknown> {
  const [first, ...rest] = steps as [RecordedStep, ...RecordedStep[]];
  const failedStep = steps.find((step) => step.failed);
  const destructive = steps.some((step) => step.operation && (step.operation.method === "delete" || step.operation.extensions["x-archive"] === true || step.operation.extensions["x-permanent-delete"] === true));
  const permanent = steps.some((step) => step.operation?.extensions["x-permanent-delete"] === true);
  return {
    title: failedStep ? `Regression: ${failedStep.title} did not conform` : `Recorded: ${steps.map((step) => step.title).join(", ")}`,
    source: `recorded by archive-kit proxy from live ${plugin.name} traffic (exchanges ${steps.map((step) => `#${step.sequence}`).join(", ")})`,
    operation: first.operation?.operationId ?? "undocumented",
    tags: ["recorded", ...(failedStep ? ["regression"] : []), ...(destructive ? ["destructive"] : []), ...(permanent ? ["permanent-delete"] : [])],
    ...(thread?.given ? { given: { [thread.name]: { create: thread.given } } } : {}),
    request: first.request,
    expect: first.expect,
    ...(first.checks ? { checks: first.checks } : {}),
    ...(rest.length > 0 ? { then: rest.map((step) => ({ title: step.title, request: step.request, expect: step.expect, ...(step.checks ? { checks: step.checks } : {}) })) } : {}),
  };
}


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
