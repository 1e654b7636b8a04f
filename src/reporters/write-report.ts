import { rm, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** Every file a reporter writes, so a new run can clear what an earlier one left. */
export const REPORT_FILES = ["archive-kit-report.json", "archive-kit-junit.xml", "archive-kit-coverage.md", "archive-kit-report.html"] as const;

/**
 * Writes a report whole or not at all: to a temporary file beside it, then renamed over it, so an
 * interrupted run never leaves a truncated report.
 */
export async function writeReport(file: string, content: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Removes the reports of an earlier run, so that a stale green report never outlives a failed run. */
export async function clearReports(outputDir: string): Promise<void> {
  await Promise.all(REPORT_FILES.map((name) => rm(path.join(outputDir, name), { force: true })));
}
