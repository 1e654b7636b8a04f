import fc from "fast-check";
import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { Case, CaseRequest } from "../conformance/types.js";
import type { GeneratedRequest } from "./types.js";
import type { Verdict } from "./verdict.js";

/**
 * The tamperings of a signed request that the case format's `userAction` names, each with the
 * refusal the signing documents give (the shipped cases that exercise them, 21–26): a token bound
 * to another method, path or payload, a signature that does not verify or comes from a credential
 * the caller lacks → 403 "signature missing or invalid"; a token already spent → 400.
 */
const REFUSALS = {
  payload: { status: 403, detail: "user action signed over another payload" },
  path: { status: 403, detail: "user action signed for another path" },
  method: { status: 403, detail: "user action signed for another method" },
  signature: { status: 403, detail: "user action signature altered" },
  credential: { status: 403, detail: "user action signed by a credential the caller does not have" },
  reuse: { status: 400, detail: "user action token already spent on the same request" },
} as const;

export type Tampering = keyof typeof REFUSALS;

/** A signed request, tampered with, and the refusal it must get. */
export interface TamperedRequest extends GeneratedRequest {
  tampering: { kind: Tampering; detail: string };
  verdict: Verdict;
}

export interface TamperOptions {
  /** Positive requests of an operation: the request that is signed, then tampered with. */
  positive(contract: Contract, operation: Operation): fc.Arbitrary<GeneratedRequest>;
  /** The API's fields of a case request (its plugin's case request schema): the tamperings its `userAction` offers. */
  caseRequestSchema: SchemaObject | undefined;
  /** Tamperings not to draw. */
  leaveOut?: readonly Tampering[];
}

/** The tamperings an API's case requests can ask for (none when it signs nothing). */
export function tamperingsOf(caseRequestSchema: SchemaObject | undefined): Tampering[] {
  const modes = ((caseRequestSchema?.properties?.userAction as SchemaObject | undefined)?.enum ?? []) as string[];
  return modes.filter((mode): mode is Tampering => mode in REFUSALS);
}

/** Whether requests to the operation carry a signature besides the caller's credential (a security requirement of several schemes). */
export function isSigned(operation: Operation): boolean {
  return operation.security.length > 0 && operation.security.every((requirement) => Object.keys(requirement).length > 1);
}

/** Positive requests to a signed operation, each signed with the caller's credential and then tampered with one way. */
export function tamperedRequests(contract: Contract, operation: Operation, options: TamperOptions): fc.Arbitrary<TamperedRequest> {
  const tamperings = tamperingsOf(options.caseRequestSchema).filter((kind) => !options.leaveOut?.includes(kind));
  if (!isSigned(operation) || tamperings.length === 0) throw new Error(`${operation.operationId} is not a signed operation: nothing to tamper with`);
  return fc.record({ generated: options.positive(contract, operation), kind: fc.constantFrom(...tamperings) }).map(({ generated, kind }) => ({
    operationId: generated.operationId,
    request: { ...withoutOptionalHeaders(generated.request, operation), userAction: kind } as CaseRequest,
    tampering: { kind, detail: REFUSALS[kind].detail },
    verdict: { expect: { status: REFUSALS[kind].status }, checks: ["user-action-required"] },
  }));
}

/**
 * The request without the optional header parameters it was given: they carry rules of their own
 * (a nonce that is invalid or spent) that a server may apply before the signature, and the
 * refusal must be the signature's.
 */
function withoutOptionalHeaders(request: CaseRequest, operation: Operation): CaseRequest {
  const optional = new Set(operation.parameters.filter((parameter) => parameter.in === "header" && !parameter.required).map((parameter) => parameter.name.toLowerCase()));
  if (!request.headers) return request;
  return { ...request, headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => !optional.has(name.toLowerCase()))) };
}

/**
 * A tampered request as a case the runner runs: for `reuse`, the same request first signed
 * properly (any documented answer), so that its token is spent.
 */
export function tamperedCase(tampered: TamperedRequest, id: string): Case {
  const step = { request: tampered.request, expect: tampered.verdict.expect, checks: tampered.verdict.checks };
  const base = {
    id,
    title: `${tampered.operationId}: ${tampered.tampering.detail}`,
    source: "generated: a signed request tampered with (the refusals of the shipped signing cases)",
    operation: tampered.operationId,
    tags: ["generated", "user-action"],
    file: "(generated tampering)",
  };
  if (tampered.tampering.kind !== "reuse") return { ...base, ...step };
  const { userAction: _reuse, ...signed } = tampered.request as CaseRequest & { userAction?: string };
  return { ...base, request: signed, expect: { status: "documented" }, then: [{ title: "The same token again", ...step }] };
}
