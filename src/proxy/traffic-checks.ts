import { semanticStatusCheck } from "../checks/semantic-status.js";
import { notApplicable, outcome, type Check } from "../checks/types.js";
import { REDACTED } from "../conformance/redact.js";
import { validateRequest } from "../contract/index.js";

/** Where an issue's pointer (`query/user_id`, `body/email`) sits in a request, as a finding names it. */
const requestWhere = (pointer: string) => `request.${pointer}`;

/**
 * The request as the contract describes it: a documented operation, its parameters and its body.
 * Only a proxy judges requests it did not write; verify and fuzz send invalid ones on purpose.
 */
export const requestSchema: Check = {
  run({ contract, operation, exchange }) {
    const { request } = exchange;
    const [path = "", query = ""] = splitTarget(request.target);
    if (!operation) {
      const allowed = contract.methodsAt(path).map((method) => method.toUpperCase());
      return outcome([
        allowed.length > 0
          ? { title: "Request method is not documented for this path", where: "request.method", received: request.method, expected: allowed.join(" or ") }
          : { title: "Request addresses no documented operation", where: "request.path", received: `${request.method} ${path}`, expected: "a path the contract documents" },
      ]);
    }
    const match = contract.match(request.method, path);
    if (!match) return notApplicable("the request addresses no documented operation");
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
    const validation = validateRequest(contract, operation, {
      pathParams: match.pathParams,
      query: new URLSearchParams(query),
      headers,
      rawBody: request.body,
      contentType: headers["content-type"],
    });
    // A credential masked in a recording (`***`) was judged when it passed through; offline it cannot be.
    const masked = (pointer: string) => pointer.startsWith("header/") && headers[pointer.split("/")[1]!.toLowerCase()] === REDACTED;
    const issues = validation.valid ? [] : validation.issues.filter((issue) => !masked(issue.pointer));
    return outcome(issues.map((issue) => ({ title: "Request does not conform to the contract", where: requestWhere(issue.pointer), received: issue.message, expected: "what the operation documents" })));
  },
};

function splitTarget(target: string): [string, string] {
  const at = target.indexOf("?");
  return at === -1 ? [target, ""] : [target.slice(0, at), target.slice(at + 1)];
}

/** The checks only the proxy runs: on traffic it did not write. */
export const TRAFFIC_CHECKS: Readonly<Record<string, Check>> = {
  "request-schema": requestSchema,
  "credentials-enforced": semanticStatusCheck("Request without the credentials the operation requires was not refused as documented"),
  "single-use-credential": semanticStatusCheck("A single-use credential was accepted a second time"),
};
