import type { OutgoingRequest } from "./transport.js";
import type { CaseRequest, Exchange, Failure, StepResult } from "./types.js";

/** `request.race` of the case format. */
export interface Race {
  copies: number;
  sameRequest?: boolean;
}

const succeeded = (exchange: Exchange) => exchange.response !== undefined && exchange.response.status >= 200 && exchange.response.status < 300;

/**
 * Sends a step's request `copies` times at once, each on a connection of its own, and judges every
 * answer (`judge`); at most one may succeed. The copies are prepared first, in turn (each its own
 * signature and nonce; or one preparation for all with `sameRequest`), so that only the requests
 * themselves race. The step's result shows the copy that broke the rule, or the first.
 */
export async function runRace(
  raced: CaseRequest & { race: Race },
  how: {
    /** Sends on a connection of its own, beside the others. */
    sendApart: ((request: OutgoingRequest) => Promise<Exchange>) | undefined;
    prepare(request: CaseRequest): Promise<{ request: OutgoingRequest } | { decidedBy: Exchange }>;
    judge(exchange: Exchange): Omit<StepResult, "title">;
  },
): Promise<Omit<StepResult, "title">> {
  const { race, ...request } = raced;
  const { sendApart, prepare, judge } = how;
  if (!sendApart) throw new Error("this run cannot send requests at once (no sendApart)");
  const outgoing: OutgoingRequest[] = [];
  for (let copy = 0; copy < race.copies; copy++) {
    const prepared = race.sameRequest && outgoing[0] ? { request: outgoing[0] } : await prepare(request);
    // A preparation that decided the step (a refused signing) is its verdict: nothing races.
    if ("decidedBy" in prepared) return judge(prepared.decidedBy);
    outgoing.push(prepared.request);
  }
  const exchanges = await Promise.all(outgoing.map((copy) => sendApart(copy)));
  const judged = exchanges.map(judge);
  const winners = exchanges.filter(succeeded);
  const failures: Failure[] = judged.flatMap((result, index) => result.failures.map((failure) => ({ ...failure, where: `${failure.where}, copy ${index + 1} of ${race.copies}` })));
  if (winners.length > 1) {
    failures.unshift({
      check: "race",
      title: `${winners.length} of ${race.copies} racing requests succeeded, where one at most may`,
      where: "status",
      received: exchanges.map((exchange) => exchange.response?.status ?? exchange.error?.kind ?? "no answer").join(", "),
      expected: "one 2xx at most",
    });
  }
  const shown = winners[1] ?? exchanges[0]!;
  const result = judged[exchanges.indexOf(shown)]!;
  return { ...result, failures, warnings: judged.flatMap((copy) => copy.warnings), passed: failures.length === 0 ? [...result.passed, "race"] : result.passed };
}
