import type { Contract, Operation } from "../contract/index.js";
import type { CaseRequest, Exchange } from "./types.js";
import type { OutgoingRequest } from "./transport.js";
import type { Variables } from "./template.js";

export interface PrepareContext {
  contract: Contract;
  /** The documented operation the request addresses, if any. */
  operation: Operation | undefined;
  variables: Variables;
  /** What earlier steps of the same case left behind (a user action token, a nonce). */
  memory: Record<string, string>;
  send(request: OutgoingRequest): Promise<Exchange>;
}

/**
 * A prepared request, or an exchange that already decided the step: when a preliminary call
 * (signing a user action first) is refused, the step is judged on that refusal.
 */
export type Prepared = { request: OutgoingRequest } | { decidedBy: Exchange };

/** What one API plugs into the API-agnostic runner (see DESIGN.md). */
export interface ConformanceApi {
  /** The contract's schema name of the error envelope every error must use. */
  errorSchemaName: string;
  /** Adds credentials, default headers and API-specific signing to a case request. */
  prepare(request: CaseRequest, context: PrepareContext): Promise<Prepared>;
  /** Creates `given` state through the API's own create endpoint and returns it. */
  create(body: Record<string, unknown>, context: Omit<PrepareContext, "operation">): Promise<unknown>;
}

/** A case cannot run here (a variable or credential is missing): it is skipped with this reason. */
export class SkipCase extends Error {}

/** The case's setup failed against the implementation: the case fails with this reason. */
export class SetupFailed extends Error {}

/** What an answer was, for a setup failure: the transport error, a status without JSON, or the status. */
export function describeAnswer(exchange: Exchange): string {
  if (exchange.error) return exchange.error.message;
  const response = exchange.response!;
  return response.json === undefined ? `${response.status} with a body that is not JSON` : String(response.status);
}
