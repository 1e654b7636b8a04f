import type { ErrorObject } from "ajv/dist/2020.js";

const COMBINATORS = new Set(["oneOf", "anyOf"]);
/** Keywords that reject a branch at the value's own shape: a branch failing them was never the value's kind. */
const SHAPE_KEYWORDS = new Set(["type", "const", "enum"]);
const VALUE_KEYWORDS = new Set(["const", "enum"]);

/**
 * The errors a report of where a value is wrong leaves out. ajv reports a failed `oneOf`/`anyOf`
 * with the errors of every branch, so one bad item of a list also shows up as the object branch's
 * missing fields. When one branch matched best, the other branches' errors and the combinator's
 * own summary are outranked; when branches tie, all of them stay, with the summary that they are
 * alternatives. `pointerOf` places an error (a missing property at the property, not its parent).
 */
export function outrankedErrors(errors: readonly ErrorObject[], pointerOf: (error: ErrorObject) => string): Set<ErrorObject> {
  const outranked = new Set<ErrorObject>();
  const combinators = errors.filter((error) => COMBINATORS.has(error.keyword));
  if (combinators.length === 0) return outranked;
  const branchesOf = errorsByBranch(combinators, errors);
  // Inner combinators first (their schema paths extend the outer ones'), so an outer branch is ranked on its narrowed errors.
  combinators.sort((a, b) => b.schemaPath.length - a.schemaPath.length || b.instancePath.length - a.instancePath.length);
  for (const combinator of combinators) {
    const branches = [...(branchesOf.get(combinator)?.values() ?? [])].map((branch) => branch.filter((error) => !outranked.has(error)));
    // oneOf failed because several branches matched: the others' errors say nothing about the value.
    if ((combinator.params as { passingSchemas?: unknown }).passingSchemas) {
      for (const branch of branches) branch.forEach((error) => outranked.add(error));
      continue;
    }
    const ranked = branches.filter((branch) => branch.length > 0).map((branch) => ({ branch, rank: rank(branch, combinator.instancePath, pointerOf) }));
    const best = ranked.map(({ rank }) => rank).sort(compareRanks)[0];
    if (!best) continue;
    const losers = ranked.filter(({ rank }) => compareRanks(rank, best) !== 0);
    for (const { branch } of losers) branch.forEach((error) => outranked.add(error));
    if (losers.length === ranked.length - 1) outranked.add(combinator);
  }
  return outranked;
}

/**
 * Each combinator's errors per branch index, in one pass (a hostile body may fail a combinator in
 * every item of a long list): an error belongs to each combinator its schema path passes through,
 * as evaluated at the nearest value enclosing the error's.
 */
function errorsByBranch(combinators: ErrorObject[], errors: readonly ErrorObject[]): Map<ErrorObject, Map<string, ErrorObject[]>> {
  const sites = new Map<string, Map<string, ErrorObject>>();
  for (const combinator of combinators) {
    const at = sites.get(combinator.schemaPath) ?? new Map<string, ErrorObject>();
    sites.set(combinator.schemaPath, at.set(combinator.instancePath, combinator));
  }
  const passages = new Map<string, Array<{ combinatorPath: string; branch: string }>>();
  const branches = new Map<ErrorObject, Map<string, ErrorObject[]>>();
  for (const error of errors) {
    let through = passages.get(error.schemaPath);
    if (!through) passages.set(error.schemaPath, (through = combinatorsPassed(error.schemaPath)));
    for (const { combinatorPath, branch } of through) {
      const combinator = nearestSite(sites.get(combinatorPath), error.instancePath);
      if (!combinator) continue;
      const perBranch = branches.get(combinator) ?? new Map<string, ErrorObject[]>();
      branches.set(combinator, perBranch);
      const inBranch = perBranch.get(branch) ?? [];
      perBranch.set(branch, inBranch);
      inBranch.push(error);
    }
  }
  return branches;
}

/** The combinators a schema path passes through (`#/oneOf/1/properties/x` passes `#/oneOf`, branch 1). */
function combinatorsPassed(schemaPath: string): Array<{ combinatorPath: string; branch: string }> {
  const segments = schemaPath.split("/");
  return segments.slice(0, -1).flatMap((segment, i) => (COMBINATORS.has(segment) ? [{ combinatorPath: segments.slice(0, i + 1).join("/"), branch: segments[i + 1]! }] : []));
}

/** The combinator evaluated at `instancePath`, or at the nearest value enclosing it. */
function nearestSite(at: Map<string, ErrorObject> | undefined, instancePath: string): ErrorObject | undefined {
  if (!at) return undefined;
  for (let pointer = instancePath; ; pointer = pointer.slice(0, pointer.lastIndexOf("/"))) {
    const found = at.get(pointer);
    if (found || pointer === "") return found;
  }
}

/**
 * Lower is better: first the shape mismatches (the value is not the branch's type, or a property
 * such as `type: user` is not the branch's constant), then how many errors, then how deep the
 * shallowest one sits (a branch failing only deep inside the value matched its outer structure).
 */
function rank(branch: ErrorObject[], base: string, pointerOf: (error: ErrorObject) => string): number[] {
  const shapeMismatches = branch.filter(
    (error) => (SHAPE_KEYWORDS.has(error.keyword) && error.instancePath === base) || (VALUE_KEYWORDS.has(error.keyword) && depth(error.instancePath) === depth(base) + 1),
  ).length;
  const shallowest = branch.reduce((least, error) => Math.min(least, depth(pointerOf(error))), Infinity);
  return [shapeMismatches, branch.length, -shallowest];
}

function compareRanks(a: number[], b: number[]): number {
  for (const [i, value] of a.entries()) if (value !== b[i]) return value - b[i]!;
  return 0;
}

function depth(pointer: string): number {
  if (pointer === "/") return 0;
  let slashes = 0;
  for (const char of pointer) if (char === "/") slashes++;
  return slashes;
}
