import { notApplicable, outcome, type Check } from "./types.js";

/**
 * A check that owns the status verdict of the steps that ask for it by name, so that the failure
 * says which rule was broken ("Missing credentials were accepted") rather than just a number.
 */
export function semanticStatusCheck(name: string, title: string): Check {
  return {
    name,
    run({ exchange, expect, requested }) {
      if (!requested.includes(name)) return notApplicable(`the step does not ask for ${name}`);
      const allowed = typeof expect.status === "number" ? [expect.status] : Array.isArray(expect.status) ? expect.status : [];
      const { status } = exchange.response;
      // A 5xx is not-a-server-error's verdict; naming a broken rule for it would mislead.
      if (allowed.includes(status) || status >= 500) return outcome([]);
      return outcome([{ check: name, title, message: `Received: ${status} / Expected: ${allowed.join(" or ")}`, where: "status" }]);
    },
  };
}
