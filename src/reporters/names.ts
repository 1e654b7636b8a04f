/** The reporters `verify` offers; kept apart so the CLI can list them without loading them. */
export const REPORTER_NAMES = ["console", "json", "junit", "coverage", "html"] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];
