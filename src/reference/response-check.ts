import { findHeader, findMediaType, findResponse, formatIssues, type Contract, type Operation } from "../contract/index.js";
import type { ReferenceResponse } from "./types.js";

/** Every way a response breaks its operation's documented responses, as short sentences. */
export function responseProblems(contract: Contract, operation: Operation, response: ReferenceResponse): string[] {
  const documented = findResponse(operation, response.status);
  if (!documented) return [`status ${response.status} is not documented`];
  const problems: string[] = [];
  const headers = new Map(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const value = headers.get(name.toLowerCase());
    if (value === undefined) {
      if ((header as { required?: boolean }).required) problems.push(`header ${name} is missing`);
      continue;
    }
    const result = contract.validators.responseHeader(operation, response.status, name)?.(value);
    if (result && !result.valid) problems.push(`header ${name}: ${formatIssues(result.issues)}`);
  }
  if (documented.content && response.body !== undefined) {
    const contentType = headers.get("content-type") ?? "";
    if (!findHeader(documented, "content-type") && !findMediaType(documented, contentType)) {
      problems.push(`content type ${contentType} is not documented`);
    }
    const result = contract.validators.responseBody(operation, response.status, contentType)?.(response.body);
    if (result && !result.valid) problems.push(`body: ${formatIssues(result.issues)}`);
  }
  return problems;
}
