import type { Contract } from "./assemble.js";
import type { Operation } from "./types.js";
import { shownValueAt } from "./json-source.js";
import { findMediaType, findResponse, reportedIssues } from "./validators.js";

/** One way a response differs from its documented one: a short fixed title, where, what came, what the documents say. */
export interface Finding {
  title: string;
  /** `status`, `header X`, `body`, or a JSON pointer into the body. */
  where: string;
  received: string;
  expected: string;
}

/** A response as both sides see it: the conformance runner (what came over the wire) and the reference server (what it is about to send). */
export interface ObservedResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Whether the response has a body at all. */
  hasBody: boolean;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
  /** The raw body, shown when it is not JSON; the reference server sends JSON only. */
  text?: string;
}

/** An aspect of a response is judged (findings, maybe none), or the documents say nothing it could be judged by. */
export type Judgement = { applies: false; reason: string } | { applies: true; findings: Finding[] };

const MOST_SCHEMA_ISSUES = 5;
const judged = (findings: Finding[]): Judgement => ({ applies: true, findings });
const unjudged = (reason: string): Judgement => ({ applies: false, reason });

/** The statuses an operation documents, as written ("200", "4XX", "default"). */
export function documentedStatuses(operation: Operation): string[] {
  return Object.keys(operation.responses);
}

/** Whether the operation documents the status (exactly, by range, or by default). */
export function statusConformance(operation: Operation | undefined, status: number): Judgement {
  if (!operation) return unjudged("no documented operation");
  if (findResponse(operation, status)) return judged([]);
  return judged([{ title: "Undocumented HTTP status code", where: "status", received: String(status), expected: `a documented status: ${documentedStatuses(operation).join(", ")}` }]);
}

/** A body comes with a Content-Type the response documents; a body without one fails. */
export function contentTypeConformance(operation: Operation | undefined, response: ObservedResponse): Judgement {
  const documented = operation && findResponse(operation, response.status);
  if (!documented?.content) return unjudged("the response documents no body");
  if (!response.hasBody) return unjudged("the response has no body");
  const received = response.headers["content-type"];
  const listed = Object.keys(documented.content).join(", ");
  if (!received) return judged([{ title: "Missing Content-Type header", where: "header Content-Type", received: "no Content-Type", expected: listed }]);
  if (findMediaType(documented, received)) return judged([]);
  return judged([{ title: "Undocumented Content-Type", where: "header Content-Type", received, expected: listed }]);
}

/** Documented required headers are present, and every documented header's value matches its schema. */
export function headersConformance(contract: Contract, operation: Operation | undefined, response: ObservedResponse): Judgement {
  const documented = operation && findResponse(operation, response.status);
  if (!operation || !documented?.headers) return unjudged("the response documents no headers");
  const findings: Finding[] = [];
  for (const [name, header] of Object.entries(documented.headers)) {
    const value = response.headers[name.toLowerCase()];
    if (value === undefined) {
      if ((header as { required?: boolean }).required) {
        findings.push({ title: "Missing required header", where: `header ${name}`, received: "absent", expected: `present (required on ${response.status})` });
      }
      continue;
    }
    const result = contract.validators.responseHeader(operation, response.status, name)?.(value);
    if (result && !result.valid) {
      findings.push({ title: "Invalid header value", where: `header ${name}`, received: JSON.stringify(value), expected: reportedIssues(result.issues).map((issue) => schemaExpectation(issue.message)).join("; ") });
    }
  }
  return judged(findings);
}

/** The body is JSON and valid against the documented schema (for its Content-Type, or JSON without one). */
export function schemaConformance(contract: Contract, operation: Operation | undefined, response: ObservedResponse): Judgement {
  if (!operation || !findResponse(operation, response.status)) return unjudged("the status is not documented");
  const validate = contract.validators.responseBody(operation, response.status, response.headers["content-type"] ?? "application/json");
  if (!validate) return unjudged("no schema for this response");
  if (!response.hasBody || response.json === undefined) {
    return judged([{ title: "Response is not JSON", where: "body", received: JSON.stringify((response.text ?? "").slice(0, 80)), expected: "a JSON body" }]);
  }
  const result = validate(response.json);
  if (result.valid) return judged([]);
  return judged(
    reportedIssues(result.issues).slice(0, MOST_SCHEMA_ISSUES).map((issue) => ({
      title: "Response violates schema",
      where: issue.pointer,
      received: shownValueAt(response, issue.pointer, 80),
      expected: schemaExpectation(issue.message),
    })),
  );
}

/** Every way a response breaks its operation's documented responses: status, content type, headers, schema. */
export function responseConformance(contract: Contract, operation: Operation, response: ObservedResponse): Finding[] {
  const status = statusConformance(operation, response.status);
  if (status.applies && status.findings.length > 0) return status.findings;
  return [contentTypeConformance(operation, response), headersConformance(contract, operation, response), schemaConformance(contract, operation, response)].flatMap(
    (judgement) => (judgement.applies ? judgement.findings : []),
  );
}

/** What the schema wanted, in the words of `Expected:` ("must be string" → "string"). */
function schemaExpectation(message: string): string {
  if (message === "is required but missing") return "present (required)";
  if (message === "is not allowed") return "absent (not allowed)";
  return message.replace(/^must be /, "");
}
