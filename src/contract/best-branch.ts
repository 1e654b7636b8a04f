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
  // Inner combinators first (their schema paths extend the outer ones'), so an outer branch is ranked on its narrowed errors.
  const combinators = errors.filter((error) => COMBINATORS.has(error.keyword)).sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const combinator of combinators) {
    const branches = branchesOf(combinator, errors.filter((error) => !outranked.has(error)));
    // oneOf failed because several branches matched: the others' errors say nothing about the value.
    if ((combinator.params as { passingSchemas?: unknown }).passingSchemas) {
      for (const branch of branches.values()) branch.forEach((error) => outranked.add(error));
      continue;
    }
    const ranked = [...branches.values()].map((branch) => ({ branch, rank: rank(branch, combinator.instancePath, pointerOf) }));
    const best = ranked.map(({ rank }) => rank).sort(compareRanks)[0];
    if (!best) continue;
    const losers = ranked.filter(({ rank }) => compareRanks(rank, best) !== 0);
    for (const { branch } of losers) branch.forEach((error) => outranked.add(error));
    if (losers.length === ranked.length - 1) outranked.add(combinator);
  }
  return outranked;
}

/** A combinator's errors per branch index: those below its schema path, at or below its value. */
function branchesOf(combinator: ErrorObject, errors: ErrorObject[]): Map<string, ErrorObject[]> {
  const prefix = `${combinator.schemaPath}/`;
  const branches = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (!error.schemaPath.startsWith(prefix) || !isAtOrBelow(error.instancePath, combinator.instancePath)) continue;
    const index = error.schemaPath.slice(prefix.length).split("/")[0]!;
    branches.set(index, [...(branches.get(index) ?? []), error]);
  }
  return branches;
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
  const shallowest = Math.min(...branch.map((error) => depth(pointerOf(error))));
  return [shapeMismatches, branch.length, -shallowest];
}

function compareRanks(a: number[], b: number[]): number {
  for (const [i, value] of a.entries()) if (value !== b[i]) return value - b[i]!;
  return 0;
}

function isAtOrBelow(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}

function depth(pointer: string): number {
  return pointer === "" || pointer === "/" ? 0 : pointer.split("/").length - 1;
}
