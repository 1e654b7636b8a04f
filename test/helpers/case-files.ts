import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A new temporary folder holding one case file per entry (file name → its YAML lines), for `casesDir` or `--cases`. */
export function caseFolder(files: Record<string, string[]>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ak-cases-"));
  for (const [name, lines] of Object.entries(files)) writeFileSync(path.join(dir, name), `${lines.join("\n")}\n`);
  return dir;
}
