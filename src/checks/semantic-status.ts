import { outcome, type Check } from "./types.js";

/**
 * A check that owns the status verdict of the steps that ask for it by name, so that the failure
 * says which rule was broken ("Missing credentials were accepted") rather than just a number. The
 * engine runs it only on those steps.
 */
export function semanticStatusCheck(title: string): Check {
  return {
    semantic: true,
    run({ exchange, expect }) {
      const allowed = typeof expect.status === "number" ? [expect.status] : Array.isArray(expect.status) ? expect.status : [];
      const { status } = exchange.response;
      // A 5xx is not-a-server-error's verdict; naming a broken rule for it would mislead.
      if (allowed.includes(status) || status >= 500) return outcome([]);
      return outcome([{ title, where: "status", received: String(status), expected: allowed.join(" or ") }]);
    },
  };
}
