import { spawn } from "node:child_process";

export interface ShellResult {
  code: number | null;
  stdout: string;
  /** stdout and stderr as they came. */
  output: string;
}

const environment = (env: NodeJS.ProcessEnv) => ({ ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...env });

/** Runs a command line of the docs with the shell, as a reader would paste it, and resolves when it exits. */
export function sh(command: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ShellResult> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], { cwd: options.cwd, env: environment(options.env ?? {}) });
    let [stdout, output] = ["", ""];
    child.stdout.on("data", (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ code, stdout, output }));
  });
}

export interface StartedCommand {
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Ctrl+C; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts a long-running command of the docs (`exec`, so Ctrl+C reaches the program, not the shell)
 * and resolves once its output matches `ready`; rejects if it exits first.
 */
export function started(command: string, ready: RegExp, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<StartedCommand> {
  const child = spawn("sh", ["-c", `exec ${command}`], { cwd: options.cwd, env: environment(options.env ?? {}) });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve({ output: () => output, stop: () => (child.kill("SIGINT"), exited) });
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    void exited.then((code) => reject(new Error(`${command} exited with ${code}: ${output}`)));
  });
}
