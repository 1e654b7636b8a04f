import type { ZooRun } from "./run.js";
import type { ZooEntry } from "./types.js";

/** What one tool made of one zoo entry, as the table shows it. */
export function verdictCell(entry: ZooEntry, verdict: ZooRun["verify"]): string {
  if (!verdict) return "not run";
  if (verdict.code === 0) return entry.kind === "bug" ? "missed" : "✓ passed";
  if (verdict.code !== 1) return `could not run (exit ${verdict.code})`;
  const shown = verdict.failed.slice(0, 2).map((id) => `\`${id}\``).join(", ");
  const more = verdict.failed.length > 2 ? ` +${verdict.failed.length - 2}` : "";
  return `${entry.kind === "bug" ? "✗ caught" : "✗ false alarm"}: ${shown}${more}`;
}

export interface ZooTally {
  bugs: number;
  caught: number;
  byVerify: number;
  byFuzz: number;
  missed: string[];
  controls: number;
  controlsPassed: number;
  falseAlarms: string[];
}

export function tally(runs: ReadonlyArray<{ entry: ZooEntry; run: ZooRun }>): ZooTally {
  const bugs = runs.filter(({ entry }) => entry.kind === "bug");
  const controls = runs.filter(({ entry }) => entry.kind === "control");
  const caughtBy = (tool: keyof ZooRun) => bugs.filter(({ run }) => run[tool]?.code === 1).length;
  const missed = bugs.filter(({ run }) => run.verify?.code !== 1 && run.fuzz?.code !== 1).map(({ entry }) => entry.id);
  const falseAlarms = controls.filter(({ run }) => run.verify?.code !== 0 || run.fuzz?.code !== 0).map(({ entry }) => entry.id);
  return { bugs: bugs.length, caught: bugs.length - missed.length, byVerify: caughtBy("verify"), byFuzz: caughtBy("fuzz"), missed, controls: controls.length, controlsPassed: controls.length - falseAlarms.length, falseAlarms };
}

/** The zoo's table in Markdown: a line of totals, then one row per entry. */
export function zooTable(runs: ReadonlyArray<{ entry: ZooEntry; run: ZooRun }>): string {
  const totals = tally(runs);
  const rows = runs.map(({ entry, run }) => `| ${entry.kind === "bug" ? "bug" : "control"} | \`${entry.id}\` | ${entry.area ?? "—"} | ${entry.reason} | ${verdictCell(entry, run.verify)} | ${verdictCell(entry, run.fuzz)} |`);
  return [
    `${totals.bugs} bugs: ${totals.caught} caught (${totals.byVerify} by \`verify\`, ${totals.byFuzz} by \`fuzz\`), ${totals.missed.length} missed${totals.missed.length ? ` (${totals.missed.join(", ")})` : ""}. ${totals.controls} controls: ${totals.controlsPassed} passed both${totals.falseAlarms.length ? `, false alarms on ${totals.falseAlarms.join(", ")}` : ""}.`,
    "",
    "| kind | entry | area | what the implementation does | `verify` | `fuzz` |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
