import { responseConformance, type Contract, type Operation } from "../contract/core.js";
import type { ReferenceResponse } from "./types.js";

/**
 * Every way a response breaks its operation's documented responses, one line each. The same
 * judgement as the conformance checks (src/contract/response-conformance.ts): a server that
 * passes its own check passes `verify` on status, content type, headers and schema.
 */
export function responseProblems(contract: Contract, operation: Operation, response: ReferenceResponse): string[] {
  const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const hasBody = response.body !== undefined;
  const findings = responseConformance(contract, operation, { status: response.status, headers, hasBody, json: response.body, ...(hasBody ? { text: JSON.stringify(response.body) } : {}) });
  return findings.map((finding) => `${finding.where} — ${finding.title}: Received: ${finding.received} / Expected: ${finding.expected}`);
}
