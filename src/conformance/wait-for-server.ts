import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { describeCause } from "../errors.js";

export interface WaitOptions {
  /** How long the implementation may take to answer, in milliseconds. */
  timeoutMs: number;
  /** Stops waiting at once (e.g. the implementation's process exited). */
  signal?: AbortSignal;
}

export type WaitOutcome = { ok: true; waitedMs: number } | { ok: false; waitedMs: number; lastProblem: string };

/** Pause between two attempts: often enough to start soon after the server, rare enough to stay cheap. */
const POLL_INTERVAL_MS = 200;
/** One attempt's limit, so that a connection a starting server accepted and dropped is retried. */
const ATTEMPT_TIMEOUT_MS = 5_000;

/**
 * Polls `baseUrl` with a GET until it answers with any HTTP status (a 404 or a 401 counts: the
 * server is up), or until `timeoutMs` has passed. Connection errors are expected while a server starts.
 */
export async function waitForServer(baseUrl: string, options: WaitOptions): Promise<WaitOutcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let lastProblem: string | undefined;
  while (!options.signal?.aborted) {
    const attemptMs = Math.min(options.timeoutMs - elapsed(), ATTEMPT_TIMEOUT_MS);
    if (attemptMs <= 0) break;
    const attempt = await answers(new URL(baseUrl), attemptMs, options.signal);
    if (attempt.answered) return { ok: true, waitedMs: elapsed() };
    // The deadline may cut the last attempt short: its timeout says less than the problem before it.
    if (!(attempt.timedOut && attemptMs < ATTEMPT_TIMEOUT_MS && lastProblem)) lastProblem = attempt.problem;
    await pause(Math.min(POLL_INTERVAL_MS, Math.max(0, options.timeoutMs - elapsed())), options.signal);
  }
  return { ok: false, waitedMs: elapsed(), lastProblem: lastProblem ?? "not tried" };
}

type Attempt = { answered: true } | { answered: false; problem: string; timedOut: boolean };

/** Sends one GET: answered once a status line came, otherwise why not. */
function answers(url: URL, timeoutMs: number, signal: AbortSignal | undefined): Promise<Attempt> {
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let timedOut = false;
    // A connection of its own (no agent): nothing stays open for the run to inherit.
    const sent = request(url, { method: "GET", agent: false, timeout: timeoutMs, signal }, (response) => {
      response.destroy();
      resolve({ answered: true });
    });
    sent.once("timeout", () => {
      timedOut = true;
      sent.destroy(new Error(`no answer within ${(timeoutMs / 1000).toFixed(1)} s`));
    });
    // Refused on every address of "localhost" is an AggregateError with no message, only a code.
    sent.once("error", (error: NodeJS.ErrnoException) => resolve({ answered: false, problem: describeCause(error) || error.code || "connection failed", timedOut }));
    sent.end();
  });
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** How long a wait took, for the one line that says so. */
export function waitedLine(baseUrl: string, outcome: WaitOutcome): string {
  return `waited ${(outcome.waitedMs / 1000).toFixed(1)} s for ${baseUrl} to answer`;
}

/** Why a wait failed, and the fix; `names` are the caller's words for the URL and the wait (flags, or option keys). */
export function neverAnsweredLine(baseUrl: string, waitS: number, outcome: Extract<WaitOutcome, { ok: false }>, names: { baseUrl: string; wait: string }): string {
  return `${baseUrl} did not answer within ${waitS} s (${outcome.lastProblem}) — start the implementation there, fix ${names.baseUrl}, or raise ${names.wait}`;
}
