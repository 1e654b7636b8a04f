import { InvalidArgumentError, type Command } from "commander";

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError("must be a port number from 0 to 65535.");
  return port;
}

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) throw new InvalidArgumentError("must be a whole number of 1 or more.");
  return number;
}

/** --workers: properties checked at once, 1 to 64 (MAX_WORKERS of src/fuzz/run-fuzz.ts). */
export function parseWorkers(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 64) throw new InvalidArgumentError("must be a whole number from 1 to 64.");
  return number;
}

export function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new InvalidArgumentError("must be i/n with 1 ≤ i ≤ n, like 2/4.");
  return { index, count };
}

/** The runner's longest deadline (MAX_TIMEOUT_MS in src/conformance/transport.ts), in seconds. */
const MAX_TIMEOUT_SECONDS = 3600;

/** A parser of whole seconds from 1 to `max`. */
function wholeSecondsUpTo(max: number): (value: string) => number {
  return (value) => {
    const seconds = Number(value);
    if (!/^\d+$/.test(value) || seconds < 1 || seconds > max) throw new InvalidArgumentError(`must be a whole number of seconds from 1 to ${max}.`);
    return seconds;
  };
}

export const parseTimeoutSeconds = wholeSecondsUpTo(MAX_TIMEOUT_SECONDS);

/** --wait: how long an implementation may take to start answering; an hour at most, like --timeout. */
export const parseWaitSeconds = wholeSecondsUpTo(MAX_TIMEOUT_SECONDS);

/** --max-time: a whole run's bound; a day at most, well inside what a Node timer holds (2^31-1 ms). */
export const parseMaxTimeSeconds = wholeSecondsUpTo(86_400);

/** How long an implementation that --server starts may take to answer, unless --wait says otherwise. */
export const DEFAULT_SERVER_WAIT_S = 30;

/** --server and --wait, as verify and fuzz declare them (src/cli/readiness.ts acts on them). */
export function addReadinessOptions(command: Command): Command {
  return command
    .option("--server <command>", "start the implementation with this shell command first (needs --base-url) and stop it, its whole process group, when the run ends; its output goes to archive-kit-server.log in --output")
    .option("--wait <seconds>", `before anything is sent, wait up to this long (1 to 3600) for --base-url to answer with any HTTP status (default with --server: ${DEFAULT_SERVER_WAIT_S})`, parseWaitSeconds);
}

/** Matches MAX_DELAY_MS in src/reference/prefer.ts. */
const MAX_LATENCY_MS = 10_000;

export function parseLatencyMs(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms > MAX_LATENCY_MS) throw new InvalidArgumentError(`must be a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}.`);
  return ms;
}

export function parseFailRate(value: string): number {
  const rate = Number(value);
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value) || rate > 1) throw new InvalidArgumentError("must be a share from 0 to 1, like 0.25.");
  return rate;
}

export function parseSeed(value: string): number {
  const seed = Number(value);
  if (!/^\d+$/.test(value) || seed > 2 ** 32 - 1) throw new InvalidArgumentError(`must be a whole number from 0 to ${2 ** 32 - 1}.`);
  return seed;
}
