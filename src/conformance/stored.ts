import type { Redactor } from "./redact.js";
import type { CaseResult, Exchange, Failure, StepResult } from "./types.js";

/** Bodies kept in results and reports; the checks saw the whole body (up to the transport's cap). */
export const STORED_BODY_BYTES = 64 * 1024;

/**
 * What a case result keeps for its reports: every known secret redacted, bodies capped with a
 * marker, and no parsed JSON (its text is kept), so no report ever walks a body's nesting.
 */
export function storedResult(result: CaseResult, redactor: Redactor): CaseResult {
  const text = (value: string) => redactor.redact(value);
  const failure = (item: Failure): Failure => ({ ...item, where: text(item.where), received: text(item.received), expected: text(item.expected) });
  const step = (item: StepResult): StepResult => ({
    ...item,
    title: text(item.title),
    exchange: storedExchange(item.exchange, redactor),
    failures: item.failures.map(failure),
    warnings: item.warnings.map(failure),
  });
  return { ...result, ...(result.reason ? { reason: text(result.reason) } : {}), setup: result.setup.map(step), steps: result.steps.map(step) };
}

export function storedExchange(exchange: Exchange, redactor: Redactor): Exchange {
  const headers = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([name, value]) => [name, redactor.redact(value)]));
  const body = (value: string) => capped(redactor.redact(value));
  const { request, response, error } = exchange;
  return {
    request: { ...request, url: redactor.redact(request.url), target: redactor.redact(request.target), headers: headers(request.headers), body: body(request.body) },
    ...(response ? { response: { status: response.status, headers: headers(response.headers), text: body(response.text), json: undefined } } : {}),
    ...(error ? { error: { kind: error.kind, message: redactor.redact(error.message) } } : {}),
    ...(exchange.sequence !== undefined ? { sequence: exchange.sequence } : {}),
    durationMs: exchange.durationMs,
  };
}

/** The text cut at STORED_BODY_BYTES (on a character boundary) with a marker saying how much was left out. */
export function capped(text: string): string {
  const size = Buffer.byteLength(text);
  if (size <= STORED_BODY_BYTES) return text;
  const kept = Buffer.from(text).subarray(0, STORED_BODY_BYTES).toString("utf8").replace(/\uFFFD$/, "");
  return `${kept}… [truncated: ${size - Buffer.byteLength(kept)} of ${size} bytes not kept]`;
}
