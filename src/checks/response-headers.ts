import { findResponse, formatIssues } from "../contract/index.js";
import type { Failure } from "../conformance/types.js";
import { notApplicable, outcome, type Check } from "./types.js";

/** Documented required headers are present, and every documented header's value matches its schema. */
export const responseHeaders: Check = {
  name: "response-headers",
  run({ exchange, operation, contract }) {
    const { status, headers } = exchange.response;
    const documented = operation && findResponse(operation, status);
    if (!operation || !documented?.headers) return notApplicable("the response documents no headers");
    const failures: Failure[] = [];
    for (const [name, header] of Object.entries(documented.headers)) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        if ((header as { required?: boolean }).required) {
          failures.push({ check: "response-headers", title: "Missing required header", message: `Received: no ${name} / Documented: required on ${status}`, where: `header ${name}` });
        }
        continue;
      }
      const result = contract.validators.responseHeader(operation, status, name)?.(value);
      if (result && !result.valid) {
        failures.push({ check: "response-headers", title: "Invalid header value", message: `Received: ${JSON.stringify(value)} / Documented: ${formatIssues(result.issues)}`, where: `header ${name}` });
      }
    }
    return outcome(failures);
  },
};
