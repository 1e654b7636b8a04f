import { UserError } from "../errors.js";
import type { Check } from "./types.js";

/** Checks by name, in the order their failures are reported. The name is the check's only identity. */
export type CheckRegistry = ReadonlyMap<string, Check>;

/**
 * One registry from groups of named checks (the core checks, then each API plugin's semantic
 * checks): a name used twice is a programming error, never a silent override.
 */
export function createCheckRegistry(...groups: Array<Readonly<Record<string, Check>>>): CheckRegistry {
  const registry = new Map<string, Check>();
  for (const group of groups) {
    for (const [name, check] of Object.entries(group)) {
      if (registry.has(name)) throw new Error(`check ${name} is registered twice`);
      registry.set(name, check);
    }
  }
  return registry;
}

/** The checks a step may request by name in a case file's `checks:`. */
export function semanticCheckNames(registry: CheckRegistry): string[] {
  return [...registry].filter(([, check]) => check.semantic).map(([name]) => name);
}

export interface CheckSelection {
  /** Only these checks (all when absent). */
  checks?: string[];
  /** All but these. */
  excludeChecks?: string[];
}

/**
 * The registry narrowed to a selection, in the registry's order. An unknown name, or a selection
 * that leaves nothing to run, is the user's error. `labels` name the options as the caller spells them.
 */
export function selectChecks(registry: CheckRegistry, selection: CheckSelection, labels = { checks: "checks", excludeChecks: "excludeChecks" }): CheckRegistry {
  for (const key of ["checks", "excludeChecks"] as const) {
    const unknown = (selection[key] ?? []).find((name) => !registry.has(name));
    if (unknown !== undefined) throw new UserError(`${labels[key]}: unknown check "${unknown}" — use one of ${[...registry.keys()].join(", ")}`);
  }
  const only = selection.checks && selection.checks.length > 0 ? new Set(selection.checks) : undefined;
  const excluded = new Set(selection.excludeChecks ?? []);
  const selected = new Map([...registry].filter(([name]) => (!only || only.has(name)) && !excluded.has(name)));
  if (selected.size === 0) throw new UserError(`${labels.checks} and ${labels.excludeChecks} leave no check to run — select at least one of ${[...registry.keys()].join(", ")}`);
  return selected;
}
