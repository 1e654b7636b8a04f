import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { load } from "js-yaml";
import type { Contract } from "../contract/index.js";
import { createAjv } from "../contract/ajv.js";
import { formatIssues } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import { describeCause, UserError } from "../errors.js";
import type { Case } from "./types.js";

const require = createRequire(import.meta.url);
let validateCase: ((value: unknown) => { valid: true } | { valid: false; issues: { pointer: string; message: string }[] }) | undefined;

function caseValidator() {
  if (validateCase) return validateCase;
  const schema = require("../../conformance/case.schema.json") as SchemaObject;
  const compiled = createAjv({ coerceTypes: false }).compile(schema);
  validateCase = (value) =>
    compiled(value)
      ? { valid: true }
      : { valid: false, issues: (compiled.errors ?? []).slice(0, 3).map((error) => ({ pointer: error.instancePath || "/", message: error.message ?? error.keyword })) };
  return validateCase;
}

/** Every case file (`*.yaml`) of a folder, checked against the case format and the contract. */
export function loadCases(dir: string, contract: Contract): Case[] {
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
    let parsed: unknown;
    try {
      parsed = load(readFileSync(file, "utf8"));
    } catch (error) {
      throw new UserError(`case ${shown}: malformed YAML: ${describeCause(error)} — fix the syntax`);
    }
    const result = caseValidator()(parsed);
    if (!result.valid) throw new UserError(`case ${shown}: not a valid case: ${formatIssues(result.issues)} — see conformance/case.schema.json`);
    const testCase = { ...(parsed as Omit<Case, "file">), file: shown };
    const steps = [{ expect: testCase.expect, checks: testCase.checks }, ...(testCase.then ?? [])];
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
