import type { Exchange, TransportErrorKind } from "../conformance/types.js";

/** Errors of an exchange that got nothing back (a malformed, too large or redirecting answer is an answer). */
const NO_ANSWER: ReadonlySet<TransportErrorKind> = new Set(["refused", "unreachable", "timeout", "reset"]);

/** Whether the implementation never answered the exchange's request. */
export function isUnanswered(exchange: Exchange): boolean {
  return exchange.response === undefined && exchange.error !== undefined && NO_ANSWER.has(exchange.error.kind);
}

/** Requests in a row that may go unanswered before the run stops: enough for one slow or hanging request to be a finding. */
export const MAX_UNANSWERED_IN_A_ROW = 5;

/** A whole run's bound by default: an implementation answering each request just under the timeout cannot stretch it further. */
export const DEFAULT_MAX_TIME_S = 1800;

/** Why a run stopped before its end, with no verdict. */
export type FuzzStop = { reason: "no-answer"; unanswered: number } | { reason: "max-time"; maxTimeS: number };

export interface RunStopWatch {
  /** Counts each exchange: too many unanswered in a row stop the run. */
  observe(exchange: Exchange): void;
  /** Why the run stopped, once it has. */
  readonly stopped: FuzzStop | undefined;
  /** The run is over: the deadline no longer applies. */
  end(): void;
}

/**
 * What stops a fuzz run before its end: `MAX_UNANSWERED_IN_A_ROW` exchanges in a row that got no
 * answer (an implementation gone or hanging: each would wait the whole timeout), or `maxTimeS`
 * spent. `onStop` is told once, to cut what is in flight.
 */
export function watchForStop(maxTimeS: number, onStop: () => void): RunStopWatch {
  let unanswered = 0;
  let stopped: FuzzStop | undefined;
  const stop = (why: FuzzStop) => {
    if (stopped) return;
    stopped = why;
    onStop();
  };
  const deadline = setTimeout(() => stop({ reason: "max-time", maxTimeS }), maxTimeS * 1000);
  return {
    observe(exchange) {
      unanswered = isUnanswered(exchange) ? unanswered + 1 : 0;
      if (unanswered >= MAX_UNANSWERED_IN_A_ROW) stop({ reason: "no-answer", unanswered });
    },
    get stopped() {
      return stopped;
    },
    end: () => clearTimeout(deadline),
  };
}
