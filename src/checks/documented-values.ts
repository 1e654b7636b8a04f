import type { Failure } from "../conformance/types.js";
import { notApplicable, outcome, type Check } from "./types.js";

/** The values the documents (or the case) state, compared exactly; other fields are free. */
export const documentedValues: Check = {
  name: "documented-values",
  run({ exchange, expect }) {
    const forStatus = expect.byStatus?.[String(exchange.response.status)];
    const headersWanted = { ...expect.headers, ...forStatus?.headers };
    const valuesWanted = [expect.values, forStatus?.values].filter((values) => values !== undefined);
    if (valuesWanted.length === 0 && Object.keys(headersWanted).length === 0) return notApplicable("the case states no values");
    const failures: Failure[] = [];
    for (const [name, wanted] of Object.entries(headersWanted)) {
      const value = exchange.response.headers[name.toLowerCase()];
      if (wanted === true ? value === undefined : wanted === false ? value !== undefined : value !== wanted) {
        const expected = wanted === true ? "present" : wanted === false ? "absent" : JSON.stringify(wanted);
        failures.push({ check: "documented-values", title: "Header differs from the documented one", message: `Received: ${value === undefined ? "absent" : JSON.stringify(value)} / Expected: ${expected}`, where: `header ${name}` });
      }
    }
    for (const values of valuesWanted) compare(exchange.response.json, values, "", failures);
    return outcome(failures);
  },
};

function compare(actual: unknown, expected: unknown, pointer: string, failures: Failure[]): void {
  if (expected !== null && typeof expected === "object") {
    // An empty expected array means "none", not "any".
    const emptyMismatch = Array.isArray(expected) && expected.length === 0 && Array.isArray(actual) && actual.length > 0;
    if (actual === null || typeof actual !== "object" || Array.isArray(actual) !== Array.isArray(expected) || emptyMismatch) {
      failures.push(differs(actual, expected, pointer));
      return;
    }
    for (const [key, value] of Object.entries(expected)) {
      compare((actual as Record<string, unknown>)[key], value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, failures);
    }
    return;
  }
  if (actual !== expected) failures.push(differs(actual, expected, pointer));
}

function differs(actual: unknown, expected: unknown, pointer: string): Failure {
  const shown = (value: unknown) => (value === undefined ? "absent" : JSON.stringify(value));
  return { check: "documented-values", title: "Value differs from the documented one", message: `${pointer || "/"}: Received: ${shown(actual)} / Expected: ${shown(expected)}`, where: pointer || "/" };
}
