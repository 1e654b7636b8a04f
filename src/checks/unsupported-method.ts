import { outcome, type Check, type Finding } from "./types.js";

/** A method the contract does not list for a path gets 405 with an `Allow` header. */
export const unsupportedMethod: Check = {
  semantic: true,
  run({ exchange, contract }) {
    const { status, headers } = exchange.response;
    const failures: Finding[] = [];
    if (status !== 405) failures.push({ title: "Unsupported method not rejected with 405", where: "status", received: String(status), expected: "405" });
    if (!headers.allow) {
      failures.push({ title: "Missing Allow header on 405", where: "header Allow", received: "absent", expected: "the methods the path supports" });
      return outcome(failures);
    }
    const allowed = new Set(headers.allow.split(",").map((method) => method.trim().toUpperCase()));
    // The target is relative to the base URL, so a base URL with a path prefix still finds the contract's path.
    const path = exchange.request.target.split("?")[0]!;
    const documented = contract.methodsAt(path).map((method) => method.toUpperCase());
    if (documented.length === 0) {
      // Nothing to compare the Allow header with: never a silent pass.
      failures.push({ title: "No documented methods to compare Allow with", where: "header Allow", received: headers.allow, expected: `a path the contract documents, not ${path}` });
      return outcome(failures);
    }
    const missing = documented.filter((method) => !allowed.has(method));
    if (missing.length > 0) {
      failures.push({ title: "Allow header omits documented methods", where: "header Allow", received: headers.allow, expected: documented.join(", ") });
    }
    return outcome(failures);
  },
};
