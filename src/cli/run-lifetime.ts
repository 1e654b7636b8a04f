import type { Io } from "./io.js";

/** The shell's convention: 128 + the signal's number. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type EndingSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface RunLifetime {
  /** Work that must happen however the run ends, such as stopping the server it started. */
  onEnd(cleanup: () => Promise<void>): void;
  /** The run is over: clears the deadline, does the registered work (once), then drops the signal handlers. */
  end(): Promise<void>;
  /** True once interrupted or out of time: what the run still reports is not its result. */
  readonly stopped: boolean;
  /** `work`'s outcome, unless the run is stopped first: then never, since the process is exiting. */
  unlessStopped<T>(work: Promise<T>): Promise<T>;
}

/**
 * A command's run, which ends in one of four ways: it returns, it throws, it is interrupted (Ctrl+C,
 * SIGTERM, SIGHUP), or `maxTimeS` runs out. The last two exit the process once the registered work is
 * done, since the run may still have exchanges in flight; a second signal exits at once.
 */
export function startRunLifetime(io: Io, options: { maxTimeS?: number }): RunLifetime {
  const cleanups: Array<() => Promise<void>> = [];
  let ending: Promise<void> | undefined;
  let stopped = false;
  const signals = Object.keys(SIGNAL_EXIT_CODES) as EndingSignal[];
  const end = () =>
    (ending ??= (async () => {
      clearTimeout(deadline);
      for (const cleanup of cleanups.reverse()) await cleanup();
      // Only now: a signal while the work is being done must still exit through process.exit (whose exit hooks kill a server).
      for (const signal of signals) process.removeListener(signal, onSignal);
    })());
  const stop = async (code: number) => {
    stopped = true;
    await end();
    process.exit(code);
  };
  function onSignal(signal: EndingSignal) {
    if (ending) process.exit(SIGNAL_EXIT_CODES[signal]);
    void stop(SIGNAL_EXIT_CODES[signal]);
  }
  const deadline =
    options.maxTimeS === undefined
      ? undefined
      : setTimeout(() => {
          io.err(`archive-kit: the run took longer than --max-time ${options.maxTimeS} s and was stopped, with no verdict — raise --max-time, or run fewer cases (--shard, --tag, --case)`);
          void stop(2);
        }, options.maxTimeS * 1000);
  return {
    onEnd(cleanup) {
      // Until there is something to clean up, a signal keeps its default effect.
      if (cleanups.length === 0) for (const signal of signals) process.on(signal, onSignal);
      cleanups.push(cleanup);
    },
    end,
    get stopped() {
      return stopped;
    },
    unlessStopped: (work) =>
      new Promise((resolve, reject) => {
        work.then(
          (value) => stopped || resolve(value),
          (error: unknown) => stopped || reject(error),
        );
      }),
  };
}
