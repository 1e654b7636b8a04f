import { mkdir } from "node:fs/promises";
import path from "node:path";
import { neverAnsweredLine, waitForServer, waitedLine } from "../conformance/wait-for-server.js";
import { describeCause, UserError } from "../errors.js";
import type { Io } from "./io.js";
import { DEFAULT_SERVER_WAIT_S } from "./options.js";
import type { RunLifetime } from "./run-lifetime.js";
import { startServer, type ServerProcess } from "./server-process.js";

export interface ReadinessOptions {
  baseUrl?: string;
  /** --server: a shell command that starts the implementation. */
  server?: string;
  /** --wait, in seconds. */
  wait?: number;
  /** --output: where the server's log goes. */
  output: string;
}

export const SERVER_LOG_FILE = "archive-kit-server.log";

/**
 * Makes the implementation at --base-url ready before any case runs: with --server, starts it (and
 * has the lifetime stop it, however the run ends), and with --wait (30 s with --server) waits until
 * it answers. Resolves to the summary's line naming the server's log, read when the run is over.
 */
export async function readyImplementation(options: ReadinessOptions, lifetime: RunLifetime, io: Io): Promise<() => string | undefined> {
  try {
    return await ready(options, lifetime, io);
  } catch (error) {
    // Not ready, no run: the lifetime's deadline and server end here.
    await lifetime.end();
    throw error;
  }
}

async function ready(options: ReadinessOptions, lifetime: RunLifetime, io: Io): Promise<() => string | undefined> {
  if (!options.baseUrl && options.server) throw new UserError("--server starts your implementation, which is verified at --base-url — add --base-url with the address it listens on");
  if (!options.baseUrl && options.wait !== undefined) throw new UserError("--wait waits for --base-url — add --base-url, or drop --wait (the embedded implementation is ready when it runs)");
  const server = options.server ? await startLogged(options.server, options.output, lifetime) : undefined;
  const waitS = options.wait ?? (server ? DEFAULT_SERVER_WAIT_S : undefined);
  if (waitS !== undefined) {
    const outcome = await waitForServer(options.baseUrl!, { timeoutMs: waitS * 1000, signal: server?.exited });
    if (!outcome.ok) {
      const ended = server?.exitedWith();
      if (server && ended) throw new UserError(`the --server command exited (${ended}) before ${options.baseUrl} answered — see its output in ${server.logFile}`);
      if (server) throw new UserError(`the --server command did not answer at ${options.baseUrl} within ${waitS} s (${outcome.lastProblem}) — see its output in ${server.logFile}; make it listen there, or raise --wait`);
      throw new UserError(neverAnsweredLine(options.baseUrl!, waitS, outcome, { baseUrl: "--base-url", wait: "--wait" }));
    }
    io.out(waitedLine(options.baseUrl!, outcome));
  }
  return () => {
    if (!server) return undefined;
    const ended = server.exitedWith();
    return `the implementation's output (--server): ${server.logFile}${ended ? ` — it exited (${ended}) during the run` : ""}`;
  };
}

async function startLogged(command: string, outputDir: string, lifetime: RunLifetime): Promise<ServerProcess> {
  const logFile = path.join(outputDir, SERVER_LOG_FILE);
  let server: ServerProcess;
  try {
    await mkdir(outputDir, { recursive: true });
    server = startServer(command, logFile);
  } catch (error) {
    throw new UserError(`--output ${outputDir}: cannot write the --server log ${logFile} (${describeCause(error)}) — pass a folder you can write to`);
  }
  lifetime.onEnd(() => server.stop());
  return server;
}
