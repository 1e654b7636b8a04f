import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";

/** An implementation `--server` started: a shell running the command, leading a process group of its own. */
export interface ServerProcess {
  /** Where its stdout and stderr go. */
  logFile: string;
  /** How the command's shell ended ("code 1", "signal SIGKILL") once no process of the group is left; undefined until then. */
  exitedWith(): string | undefined;
  /** Aborted once no process of the group is left. */
  exited: AbortSignal;
  /** Stops the whole group: SIGTERM, then SIGKILL for whatever is left after the grace period. */
  stop(): Promise<void>;
}

/** How long the group has to exit after SIGTERM before it is killed. */
const STOP_GRACE_MS = 5_000;
/** How often the group is looked at once its shell has exited (a server it started in the background may live on). */
const GROUP_POLL_MS = 50;

/**
 * Runs `command` with the system shell in a new process group (so that the servers it starts in
 * the background are stopped with it, and a terminal's Ctrl+C reaches archive-kit, which stops it),
 * its output written to `logFile` (overwritten). A group still running when archive-kit exits is killed.
 */
export function startServer(command: string, logFile: string): ServerProcess {
  const log = openSync(logFile, "w");
  let shellEnded: string | undefined;
  const exited = new AbortController();
  const child = spawn(command, { shell: true, detached: true, stdio: ["ignore", log, log] });
  // The child holds its own copy of the descriptor.
  closeSync(log);
  const groupAlive = () => child.pid !== undefined && signalGroup(child.pid, 0);
  const killGroup = () => child.pid !== undefined && signalGroup(child.pid, "SIGKILL");
  const shellExited = (how: string) => {
    if (shellEnded) return;
    shellEnded = how;
    const watch = setInterval(() => {
      if (groupAlive()) return;
      clearInterval(watch);
      exited.abort();
    }, GROUP_POLL_MS);
    watch.unref();
  };
  child.once("exit", (code, signal) => shellExited(signal ? `signal ${signal}` : `code ${code}`));
  child.once("error", (error) => shellExited(`error ${error.message}`));
  process.once("exit", killGroup);

  return {
    logFile,
    exitedWith: () => (exited.signal.aborted ? shellEnded : undefined),
    exited: exited.signal,
    async stop() {
      if (groupAlive()) {
        signalGroup(child.pid!, "SIGTERM");
        const deadline = performance.now() + STOP_GRACE_MS;
        while (groupAlive() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
        if (groupAlive()) killGroup();
      }
      // Only once it is stopped: archive-kit exiting during the grace period still kills it.
      process.removeListener("exit", killGroup);
    },
  };
}

/** Signals every process of the group `leader` leads; false when none is left. */
function signalGroup(leader: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-leader, signal);
    return true;
  } catch (error) {
    // EPERM: a member exists but belongs to someone else; it is still there.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
