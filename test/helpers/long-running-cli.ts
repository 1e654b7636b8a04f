import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

const cliPath = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/**
 * How long a CLI may take to announce itself, and to exit once interrupted, before it is killed:
 * hang guards with room for a machine at four times its load (Prism alone starts in seconds there).
 */
const START_DEADLINE_MS = 180_000;
const STOP_DEADLINE_MS = 60_000;

export interface RunningCli {
  /** Everything printed on stdout until the `until` pattern appeared. */
  banner: string;
  /** Resolves with everything printed on stdout once it matches `pattern`; rejects after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Interrupts it as Ctrl+C would; resolves to its exit code (null: it had to be killed). */
  stop(): Promise<number | null>;
}

/**
 * Starts the built CLI and resolves once its output matches `until`: the line a server prints
 * when it is ready for the user, signals included. A CLI that never announces itself, or does not
 * stop when interrupted, is killed, so a broken server fails its test instead of hanging the run.
 */
export function startCli(args: string[], until: RegExp, options: { env?: NodeJS.ProcessEnv } = {}): Promise<RunningCli> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [cliPath, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    child.kill("SIGINT");
    const killer = setTimeout(() => child.kill("SIGKILL"), STOP_DEADLINE_MS);
    const code = await exited;
    clearTimeout(killer);
    return code;
  };
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    let announced = false;
    const waiters = new Set<{ pattern: RegExp; resolve: () => void }>();
    const waitForOutput = (pattern: RegExp, timeoutMs = 120_000) =>
      new Promise<string>((resolveOutput, rejectOutput) => {
        if (pattern.test(stdout)) return resolveOutput(stdout);
        const waiter = {
          pattern,
          resolve: () => {
            waiters.delete(waiter);
            clearTimeout(timer);
            resolveOutput(stdout);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          rejectOutput(new Error(`CLI did not print ${pattern} within ${timeoutMs / 1000} s; it printed: ${stdout}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`CLI did not print ${until} within ${START_DEADLINE_MS / 1000} s: ${stderr}${stdout}`));
    }, START_DEADLINE_MS);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const waiter of [...waiters]) if (waiter.pattern.test(stdout)) waiter.resolve();
      if (!announced && until.test(stdout)) {
        announced = true;
        clearTimeout(deadline);
        resolve({ banner: stdout, stop, waitForOutput });
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(deadline);
      if (!announced) reject(new Error(`CLI exited with ${code} before announcing itself: ${stderr}${stdout}`));
    });
  });
}
