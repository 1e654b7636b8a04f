import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root folder, from both `src/` (tests) and `dist/` (the built CLI). */
export const packageRoot = fileURLToPath(new URL("..", import.meta.url));

/** The installed package's version, read from its package.json (the same file in src/ and dist/). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
}
