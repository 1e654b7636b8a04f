import { UserError } from "../errors.js";
import type { ConformanceAdapter, PrepareContext } from "./api.js";
import type { OutgoingRequest } from "./transport.js";
import type { Exchange } from "./types.js";

export interface PreflightContext extends Omit<PrepareContext, "operation"> {
  api: ConformanceAdapter;
  apiName: string;
  baseUrl: string;
  timeoutMs: number;
}

/**
 * Why a run cannot judge its implementation, found before any case: the server cannot be reached,
 * does not speak HTTP, or refuses the run's credentials. Undefined when the cases may run. Each
 * reason is one line naming what to fix: none of these is the API's failure.
 */
export async function preflightProblem(context: PreflightContext): Promise<string | undefined> {
  const exchanges: Exchange[] = [];
  const send = async (outgoing: OutgoingRequest) => {
    const exchange = await context.send(outgoing);
    exchanges.push(exchange);
    return exchange;
  };
  let refusal;
  try {
    refusal = await context.api.preflight({ ...context, send });
  } catch (error) {
    if (error instanceof UserError) return `${context.apiName}: ${error.message}`;
    throw error;
  }
  const broken = exchanges.find((exchange) => exchange.error);
  if (broken) return unreachable(broken, context);
  if (!refusal) return undefined;
  const { method, target } = refusal.exchange.request;
  return `${context.apiName}: ${refusal.refused} was refused (${method} ${target} answered ${refusal.exchange.response?.status}) — ${refusal.fix}`;
}

function unreachable(exchange: Exchange, { baseUrl, timeoutMs }: PreflightContext): string {
  switch (exchange.error!.kind) {
    case "refused":
    case "unreachable":
      return `cannot connect to ${baseUrl} — start the implementation or fix --base-url`;
    case "timeout":
      return `${baseUrl} accepted connections but never answered within --timeout ${timeoutMs / 1000} s — check the implementation is serving HTTP there, or raise --timeout`;
    default:
      return `${baseUrl} does not answer as an HTTP server should (${exchange.error!.message}) — check that --base-url is the implementation's HTTP address`;
  }
}
