import fc from "fast-check";
import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { Case, CaseRequest } from "../conformance/types.js";
import type { GeneratedRequest } from "./types.js";
import type { Verdict } from "./verdict.js";

/** One way an API's plugin lets a signed request be tampered with, and the refusal its documents give. */
export interface TamperingRule {
  status: number;
  /** One line: what was tampered with, e.g. "user action signed for another path". */
  detail: string;
  /** The request is first sent properly signed, then again with its spent token (a replay). */
  replay?: boolean;
}

/** A plugin's tamperings by the name its case format's `userAction` gives each (the plugin's `fuzz.tamperings`). */
export type Tamperings = Readonly<Record<string, TamperingRule>>;

export type Tampering = string;

/** A signed request, tampered with, and the refusal it must get. */
export interface TamperedRequest extends GeneratedRequest {
  tampering: { kind: Tampering; detail: string; replay: boolean };
  verdict: Verdict;
}

export interface TamperOptions {
  /** Positive requests of an operation: the request that is signed, then tampered with. */
  positive(contract: Contract, operation: Operation): fc.Arbitrary<GeneratedRequest>;
  /** The API's fields of a case request (its plugin's case request schema): the tamperings its `userAction` offers. */
  caseRequestSchema: SchemaObject | undefined;
  /** The refusal of each tampering, as the plugin declares it. */
  tamperings: Tamperings;
  /** Tamperings not to draw. */
  leaveOut?: readonly Tampering[];
}

/** The tamperings the plugin declares that its case requests can ask for (none when it signs nothing). */
export function tamperingsOf(caseRequestSchema: SchemaObject | undefined, tamperings: Tamperings): Tampering[] {
  const modes = ((caseRequestSchema?.properties?.userAction as SchemaObject | undefined)?.enum ?? []) as string[];
  return modes.filter((mode) => Object.hasOwn(tamperings, mode));
}

/** Whether requests to the operation carry a signature besides the caller's credential (a security requirement of several schemes). */
export function isSigned(operation: Operation): boolean {
  return operation.security.length > 0 && operation.security.every((requirement) => Object.keys(requirement).length > 1);
}

/** Positive requests to a signed operation, each signed with the caller's credential and then tampered with one way. */
export function tamperedRequests(contract: Contract, operation: Operation, options: TamperOptions): fc.Arbitrary<TamperedRequest> {
  const tamperings = tamperingsOf(options.caseRequestSchema, options.tamperings).filter((kind) => !options.leaveOut?.includes(kind));
  if (!isSigned(operation) || tamperings.length === 0) throw new Error(`${operation.operationId} is not a signed operation: nothing to tamper with`);
  return fc.record({ generated: options.positive(contract, operation), kind: fc.constantFrom(...tamperings) }).map(({ generated, kind }) => ({
    operationId: generated.operationId,
    request: { ...withoutOptionalHeaders(generated.request, operation), userAction: kind } as CaseRequest,
    tampering: { kind, detail: options.tamperings[kind]!.detail, replay: options.tamperings[kind]!.replay === true },
    verdict: { expect: { status: options.tamperings[kind]!.status }, checks: ["user-action-required"] },
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
 * A tampered request as a case the runner runs: for a replay, the same request first signed
 * properly (any documented answer), so that its token is spent.
 */
export function tamperedCase(tampered: TamperedRequest, id: string): Case {
  const step = { request: tampered.request, expect: tampered.verdict.expect, checks: tampered.verdict.checks };
  const base = {
    id,
    title: `${tampered.operationId}: ${tampered.tampering.detail}`,
    source: "generated: a signed request tampered with (the refusals its plugin declares)",
    operation: tampered.operationId,
    tags: ["generated", "user-action"],
    file: "(generated tampering)",
  };
  if (!tampered.tampering.replay) return { ...base, ...step };
  const { userAction: _replayed, ...signed } = tampered.request as CaseRequest & { userAction?: string };
  return { ...base, request: signed, expect: { status: "documented" }, then: [{ title: "The same token again", ...step }] };
}
