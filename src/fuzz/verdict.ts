import type { Operation } from "../contract/index.js";
import type { Expect } from "../conformance/types.js";
import type { GeneratedRequest } from "./types.js";

/** What a generated request must get, as a case step states it: so a saved failure replays under `verify`. */
export interface Verdict {
  expect: Expect;
  /** Semantic checks that own the status verdict (a credential refusal). */
  checks: string[];
}

/**
 * Positive: any status the operation documents (never a 5xx: not-a-server-error fails it, whatever
 * the document's ranges say), its schema and headers. Negative: a documented 4xx. A missing or
 * invalid credential: 401. A method the path lacks: 405 with Allow. Schemas, headers and the error envelope are judged on every answer.
 */
export function verdictFor(operation: Operation, generated: GeneratedRequest): Verdict {
  const kind = generated.violation?.kind;
  if (kind === "credential-missing" || kind === "credential-invalid") return { expect: { status: 401 }, checks: ["auth-required"] };
  if (kind === "method") return { expect: { status: 405 }, checks: ["unsupported-method"] };
  if (kind) return { expect: { status: documentedClientErrors(operation) }, checks: [] };
  return { expect: { status: "documented" }, checks: [] };
}

const CLIENT_ERRORS: [number, ...number[]] = [400, ...Array.from({ length: 99 }, (_, i) => 401 + i)];

/** The 4xx statuses an operation documents, a `4XX` range (or `default`) as all of them; any 4xx where it documents none. */
export function documentedClientErrors(operation: Operation): [number, ...number[]] {
  const written = Object.keys(operation.responses);
  if (written.some((status) => /^4xx$/i.test(status) || status === "default")) return CLIENT_ERRORS;
  const explicit = written.filter((status) => /^4\d\d$/.test(status)).map(Number);
  const [first, ...rest] = explicit;
  return first === undefined ? CLIENT_ERRORS : [first, ...rest];
}
