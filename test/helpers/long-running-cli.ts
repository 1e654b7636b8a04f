import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

const cliPath = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface RunningCli {
  /** Everything printed on stdout until the `until` pattern appeared. */
  banner: string;
  stop(): Promise<number | null>;
}

/** Starts the built CLI and resolves once its output matches `until` (a server announcing itself). */
export function startCli(args: string[], until: RegExp): Promise<RunningCli> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [cliPath, ...args], {
    env: { ...process.env, NO_COLOR: "1" },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until.test(stdout)) {
        resolve({
          banner: stdout,
          stop: () => {
            child.kill("SIGINT");
            return exited;
          },
        });
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then((code) => reject(new Error(`CLI exited with ${code} before announcing itself: ${stderr}${stdout}`)));
  });
}
