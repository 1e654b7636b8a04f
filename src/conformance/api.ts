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

/** What one API plugs into the API-agnostic runner, per run: made by its plugin's `conformance.createApi`. */
export interface ConformanceAdapter {
  /** Adds credentials, default headers and API-specific signing to a case request. */
  prepare(request: CaseRequest, context: PrepareContext): Promise<Prepared>;
  /** Creates `given` state through the API's own create endpoint and returns it. */
  create(body: Record<string, unknown>, context: Omit<PrepareContext, "operation">): Promise<unknown>;
  /** How a user the run created is told from anybody else's, before anything destructive is sent to it. */
  identity: CreatedIdentity;
  /**
   * Sends the API's cheapest authenticated read (and, for an API that signs, one signature for a
   * request it never sends) before any case, so that refused credentials are told from a failing
   * API: resolves to the refusal, or undefined when the credentials were accepted. An unreadable
   * credential is a UserError thrown before anything is sent.
   */
  preflight(context: Omit<PrepareContext, "operation">): Promise<CredentialRefusal | undefined>;
}

/** A run's API: the plugin's per-run part and the name of its error envelope, which the plugin declares once. */
export type RunAdapter = ConformanceAdapter & { errorSchemaName: string };

/** Credentials the implementation refused in the preflight: what was refused, the answer that refused it, and the fix. */
export interface CredentialRefusal {
  /** What to fix, as the user gives it, e.g. "the token (ACME_TOKEN or --acme-token)". */
  refused: string;
  exchange: Exchange;
  fix: string;
}

/**
 * What makes a created user the run's own: the create-body fields its answer must echo (each
 * value unique to the run), and the read by the id the answer gave, which must answer the same user.
 */
export interface CreatedIdentity {
  /** Create-body field → the field of the created user that carries the same value (e.g. email → username). */
  fields: Readonly<Record<string, string>>;
  /** The operationIds whose answer is the user they created: a case step that calls one and binds its answer is confirmed too. */
  creates: readonly string[];
  /** The request that reads a created user by the id its create answered; undefined when the answer has no id. */
  read(created: Record<string, unknown>): CaseRequest | undefined;
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
