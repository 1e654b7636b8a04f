import { shown, stepsInOrder } from "../conformance/failure-line.js";
import { failedExchanges, replayHeading, replayScript } from "../conformance/reproduce.js";
import type { CaseResult } from "../conformance/types.js";

/**
 * What a failed case shows beneath its line, in every reporter: each failing exchange (its
 * failures, its step, a curl line that sends it again), then, when the case sent more than one
 * request, all of them as one replayable script. `mark` begins each failure line.
 */
export function failureDetails(result: CaseResult, mark: string): string[] {
  const lines: string[] = [];
  for (const exchange of failedExchanges(result)) {
    lines.push(...exchange.lines.map((line) => `${mark} ${line}`), `  step: ${shown(exchange.title)}`);
    // A curl line the reason already gives (fuzz puts one there) is not printed twice.
    if (!result.reason?.includes(exchange.curl)) lines.push(`  reproduce: ${exchange.curl}`);
  }
  const script = shownReplay(result);
  if (script) lines.push(replayHeading(script), ...script.map((line) => `  ${line}`));
  return lines;
}

/** The replay script a failed case shows, if any: one request's script would only repeat its curl line. */
export function shownReplay(result: CaseResult): string[] | undefined {
  return stepsInOrder(result).length > 1 ? replayScript(result) : undefined;
}
