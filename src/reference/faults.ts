import { UserError } from "../errors.js";
import type { Operation } from "../contract/core.js";
import { documentedAnswer, documentedResponse, documentedStatuses, successStatus } from "./documented-answer.js";
import { MAX_DELAY_MS, parsePrefer } from "./prefer.js";
import { reasonPhrase } from "./reason-phrase.js";
import type { ReferenceLogic, ReferenceRequest, ReferenceResponse } from "./types.js";

/** Failure and slowness on demand, for work on a UI's error and loading states. */
export interface FaultSettings {
  /** Every answer to an API request waits this long, in milliseconds (0 to 10,000). */
  latencyMs?: number;
  /** The share of API requests (0 to 1) answered with a documented 5xx or 429 at random, state untouched. */
  failRate?: number;
  /** Seeds the random failures: the same seed and requests give the same failures (0 to 2^32 − 1). */
  seed?: number;
}

/** A documented answer a test asked for ahead of time (`POST /__archive-kit/respond`). */
export interface PlannedAnswer {
  operationId: string;
  status: number;
  example?: string;
  /** How many of the operation's next requests get it (1 to 1,000). */
  times: number;
}

export interface FaultInjector {
  /**
   * Answers a request routed to a documented operation: as its `Prefer` header forces, or as a
   * planned answer, or with a random documented failure, or by `handle` (the API's own logic),
   * then after the asked delay.
   */
  respond(request: ReferenceRequest, operation: Operation, handle: () => Promise<ReferenceResponse>): Promise<ReferenceResponse>;
  /** Plans an answer for the operation's next requests, replacing one planned before; an undocumented one is refused, naming what exists. */
  plan(answer: PlannedAnswer): { ok: true } | { ok: false; message: string };
  /** Forgets every planned answer. */
  clearPlans(): void;
}

/** Refuses settings out of range with a UserError naming the option. */
export function createFaultInjector(api: ReferenceLogic, settings: FaultSettings = {}): FaultInjector {
  const latencyMs = settings.latencyMs ?? 0;
  const failRate = settings.failRate ?? 0;
  if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > MAX_DELAY_MS) {
    throw new UserError(`latency must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}, not ${latencyMs}`);
  }
  if (!(failRate >= 0 && failRate <= 1)) throw new UserError(`fail rate must be from 0 to 1, not ${failRate}`);
  const seed = settings.seed ?? Math.floor(Math.random() * 2 ** 32);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new UserError(`seed must be a whole number from 0 to ${2 ** 32 - 1}, not ${seed}`);
  const random = mulberry32(seed);
  const failureStatuses = new Map<Operation, number[]>();

  /** The API's own error envelope, saying the status was forced, for a status the operation shows no example of. */
  const envelope = (request: ReferenceRequest, operation: Operation) => (status: number) =>
    api.failure(request, 400, `${reasonPhrase(status)}: forced by archive-kit (Prefer or --fail-rate); ${operation.operationId} documents no example of it`).body;
  /** A forced answer, fitted to the server's state by the API (a 429's rate-limit headers). */
  const fitted = (request: ReferenceRequest, response: ReferenceResponse) => api.forced?.(request, response) ?? response;

  /** The documented failure this request gets at random, drawn as it arrives so a seeded run repeats. */
  const randomFailure = (operation: Operation): number | undefined => {
    if (failRate === 0) return undefined;
    const fails = random() < failRate;
    let statuses = failureStatuses.get(operation);
    if (!statuses) failureStatuses.set(operation, (statuses = failuresOf(operation)));
    const pick = random();
    return fails && statuses.length > 0 ? statuses[Math.floor(pick * statuses.length)] : undefined;
  };

  const plans = new Map<string, PlannedAnswer>();
  /** The planned answer for this request, if one is left: each request takes one of its times. */
  const takePlan = (operation: Operation): PlannedAnswer | undefined => {
    const plan = plans.get(operation.operationId);
    if (plan && --plan.times === 0) plans.delete(operation.operationId);
    return plan;
  };

  return {
    async respond(request, operation, handle) {
      const parsed = parsePrefer(request.headers.prefer);
      if (!parsed.ok) {
        await wait(latencyMs);
        return api.failure(request, 400, parsed.message);
      }
      const preferred = parsed.preferences;
      const planned = preferred.code === undefined && preferred.example === undefined ? takePlan(operation) : undefined;
      const { code, example, delayMs } = planned ? { ...preferred, code: planned.status, example: planned.example } : preferred;
      let produce = handle;
      if (code !== undefined || example !== undefined) {
        const status = code ?? successStatus(operation);
        const forced = status === undefined
          ? { ok: false as const, message: `Prefer: example=${example} needs code=N: ${operation.operationId} documents no success status` }
          : documentedAnswer(operation, status, example, envelope(request, operation));
        produce = async () => (forced.ok ? fitted(request, forced.response) : api.failure(request, 400, forced.message));
      } else {
        const failure = randomFailure(operation);
        if (failure !== undefined) {
          const answer = documentedAnswer(operation, failure, undefined, envelope(request, operation));
          if (answer.ok) produce = async () => fitted(request, answer.response);
        }
      }
      await wait(delayMs ?? latencyMs);
      return produce();
    },
    plan(answer) {
      const operation = api.contract.byId(answer.operationId);
      if (!operation) {
        return { ok: false, message: `operationId ${answer.operationId} is not an operation of this API; its operations: ${api.contract.operations.map((candidate) => candidate.operationId).join(", ")}` };
      }
      const checked = documentedAnswer(operation, answer.status, answer.example, () => undefined, "plan");
      if (!checked.ok) return { ok: false, message: checked.message };
      plans.set(operation.operationId, { ...answer });
      return { ok: true };
    },
    clearPlans: () => plans.clear(),
  };
}

/** The 429 (exact or by range) and the 5xx statuses an operation documents; a `5XX` range stands for 500. */
function failuresOf(operation: Operation): number[] {
  const statuses = documentedResponse(operation, 429) ? [429] : [];
  const serverErrors = documentedStatuses(operation).filter((key) => key.startsWith("5"));
  const exact = serverErrors.filter((key) => /^\d+$/.test(key)).map(Number);
  statuses.push(...(exact.length > 0 ? exact : serverErrors.length > 0 ? [500] : []));
  return statuses;
}

/** Unref'd: a server closed while answers wait lets the process exit at once. */
function wait(ms: number): Promise<void> {
  return ms === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** mulberry32: a small, well-known 32-bit seeded generator; uniform numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
