import { notApplicable, outcome, type Check } from "./types.js";
import type { Failure } from "../conformance/types.js";

/** A method the contract does not list for a path gets 405 with an `Allow` header. */
export const unsupportedMethod: Check = {
  name: "unsupported-method",
  run({ exchange, requested, contract }) {
    if (!requested.includes("unsupported-method")) return notApplicable("the step does not ask for unsupported-method");
    const { status, headers } = exchange.response;
    const failures: Failure[] = [];
    if (status !== 405) failures.push({ check: "unsupported-method", title: "Unsupported method not rejected with 405", message: `Received: ${status} / Expected: 405`, where: "status" });
    if (!headers.allow) {
      failures.push({ check: "unsupported-method", title: "Missing Allow header on 405", message: "Received: no Allow / Expected: the methods the path supports", where: "header Allow" });
      return outcome(failures);
    }
    const allowed = new Set(headers.allow.split(",").map((method) => method.trim().toUpperCase()));
    // The target is relative to the base URL, so a base URL with a path prefix still finds the contract's path.
    const path = exchange.request.target.split("?")[0]!;
    const documented = contract.methodsAt(path).map((method) => method.toUpperCase());
    if (documented.length === 0) {
      // Nothing to compare the Allow header with: never a silent pass.
      failures.push({ check: "unsupported-method", title: "No documented methods to compare Allow with", message: `Received: ${headers.allow} / Expected: a path the contract documents, not ${path}`, where: "header Allow" });
      return outcome(failures);
    }
    const missing = documented.filter((method) => !allowed.has(method));
    if (missing.length > 0) {
      failures.push({ check: "unsupported-method", title: "Allow header omits documented methods", message: `Received: ${headers.allow} / Expected: ${documented.join(", ")}`, where: "header Allow" });
    }
    return outcome(failures);
  },
};
