import { execFile } from "node:child_process";
import path from "node:path";
import { packageRoot } from "../package-root.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  cwd?: string;
  /** Added to this process's environment (NO_COLOR is set, so output has no colour codes). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the installed `archive-kit` command as a user would, in a process of its own, and resolves
 * to its exit code and output: what a plugin author's tests assert on (`--plugin ./my-plugin.mjs
 * validate`, `verify --api my-api`). It never rejects: a failing command is its exit code.
 */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  const cli = path.join(packageRoot, "dist", "cli", "main.js");
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: options.cwd, maxBuffer: 64 * 2 ** 20, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...options.env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
