import { readdirSync } from "node:fs";
import path from "node:path";
import { semanticCheckNames, type CheckRegistry } from "../checks/registry.js";
import type { Contract } from "../contract/index.js";
import { formatIssues } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import { UserError } from "../errors.js";
import { caseFormatSchema, compileCaseFormat } from "./case-format.js";
import { resolveTarget } from "./request.js";
import type { Case } from "./types.js";
import { readYamlFile, type YamlFileProblem } from "./yaml-file.js";

const FIX: Record<YamlFileProblem, string> = {
  missing: "remove the dangling link or restore its file",
  "not-a-file": "case files must be plain files",
  "too-large": "split it into smaller cases",
  malformed: "fix the syntax",
  "too-many-nodes": "write the values out instead of nesting aliases",
};

// A stand-in base URL with a path prefix: a case path that leaves it would leave any real one.
const PROBE_BASE = new URL("http://base.invalid/prefix");

/** Whether a case path stays on the base URL's host and under its path, whatever the base URL. */
function staysUnderBase(casePath: string): boolean {
  try {
    resolveTarget(PROBE_BASE, casePath);
    return true;
  } catch {
    return false;
  }
}

type CaseValidator = (value: unknown) => { valid: true } | { valid: false; issues: { pointer: string; message: string }[] };
const validators = new WeakMap<SchemaObject, CaseValidator>();
const NO_EXTENSION = {};

/** The validator of the case format with an API's request extension (none: the generic fields only). */
function caseValidator(requestExtension?: SchemaObject): CaseValidator {
  const key = requestExtension ?? NO_EXTENSION;
  const cached = validators.get(key);
  if (cached) return cached;
  const compiled = compileCaseFormat(caseFormatSchema(requestExtension));
  const validate: CaseValidator = (value) =>
    compiled(value)
      ? { valid: true }
      : { valid: false, issues: (compiled.errors ?? []).slice(0, 3).map((error) => ({ pointer: error.instancePath || "/", message: describeError(error) })) };
  validators.set(key, validate);
  return validate;
}

/** ajv's message, naming the property an `unevaluatedProperties: false` refused. */
function describeError(error: { keyword: string; message?: string; params: Record<string, unknown> }): string {
  const message = error.message ?? error.keyword;
  return error.keyword === "unevaluatedProperties" ? `${message}: ${String(error.params.unevaluatedProperty)}` : message;
}

/**
 * Every case file (`*.yaml`) of a folder, checked against the case format (with the API's request
 * extension, if it has one), the contract and the checks a step may request.
 */
export function loadCases(dir: string, contract: Contract, checks: CheckRegistry, requestExtension?: SchemaObject): Case[] {
  const requestable = semanticCheckNames(checks);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".yaml") || name.endsWith(".yml")).sort();
  } catch {
    throw new UserError(`cases ${dir}: no such folder — pass --cases with a folder of case files`);
  }
  const seen = new Map<string, string>();
  return names.map((name) => {
    const file = path.join(dir, name);
    const shown = path.relative(process.cwd(), file) || file;
    const read = readYamlFile(file);
    if (!read.ok) throw new UserError(`case ${shown}: ${read.message} — ${FIX[read.problem]}`);
    const parsed = read.value;
    const result = caseValidator(requestExtension)(parsed);
    if (!result.valid) throw new UserError(`case ${shown}: not a valid case: ${formatIssues(result.issues)} — see conformance/case.schema.json`);
    const testCase = { ...(parsed as Omit<Case, "file">), file: shown };
    const steps = [{ request: testCase.request, expect: testCase.expect, checks: testCase.checks }, ...(testCase.then ?? [])];
    const escaping = steps.find((step) => !staysUnderBase(step.request.path));
    if (escaping) {
      throw new UserError(`case ${shown}: request path ${JSON.stringify(escaping.request.path.slice(0, 120))} could leave the base URL — start it with a single "/", without "..", "\\" or control characters, like /users/{{ user.id }}`);
    }
    const unknown = steps.flatMap((step) => step.checks ?? []).find((name) => !requestable.includes(name));
    if (unknown !== undefined) {
      throw new UserError(`case ${shown}: checks names "${unknown}", which is not a check a step can request — use one of ${requestable.join(", ")}`);
    }
    if (steps.some((step) => (step.checks ?? []).some((check) => check !== "unsupported-method") && typeof step.expect.status !== "number" && !Array.isArray(step.expect.status))) {
      throw new UserError(`case ${shown}: a step names a semantic check but no status to hold it to — give that step expect.status`);
    }
    if (!contract.byId(testCase.operation)) {
      throw new UserError(`case ${shown}: operation ${testCase.operation} is not in ${path.basename(contract.file)} — use one of its operationIds`);
    }
    const earlier = seen.get(testCase.id);
    if (earlier) throw new UserError(`case ${shown}: id ${testCase.id} is already used by ${earlier} — give each case its own id`);
    seen.set(testCase.id, shown);
    return testCase;
  });
}

export interface CaseSelection {
  tags?: string[];
  ids?: string[];
  /** `{ index: i, count: n }` keeps the i-th of n interleaved slices (1-based). */
  shard?: { index: number; count: number };
  /** Tags a case must not carry (cases the target cannot pass, or that are not to be run). */
  excludeTags?: string[];
}

/** Filters by id (exact, or a prefix ending in `*`) and tag, then shards; order is by case id. */
export function selectCases(cases: Case[], selection: CaseSelection): Case[] {
  const idMatches = (id: string) =>
    !selection.ids?.length || selection.ids.some((wanted) => (wanted.endsWith("*") ? id.startsWith(wanted.slice(0, -1)) : id === wanted));
  const chosen = [...cases]
    .sort((a, b) => a.id.localeCompare(b.id))
    .filter((testCase) => idMatches(testCase.id))
    .filter((testCase) => !selection.tags?.length || selection.tags.some((tag) => testCase.tags.includes(tag)))
    .filter((testCase) => !selection.excludeTags?.some((tag) => testCase.tags.includes(tag)));
  const shard = selection.shard;
  return shard ? chosen.filter((_, i) => i % shard.count === shard.index - 1) : chosen;
}
