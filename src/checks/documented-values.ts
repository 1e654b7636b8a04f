import type { Expect } from "../conformance/types.js";
import { notApplicable, outcome, type Check, type Finding } from "./types.js";

type Headers = Record<string, string | boolean>;
interface Wanted {
  values: unknown[];
  headers: Headers;
}

const TITLES = {
  failure: { value: "Value differs from the documented one", header: "Header differs from the documented one" },
  warning: { value: "Value differs from the documented example", header: "Header differs from the documented example" },
};

/**
 * The values the documents (or the case) state, compared exactly; other fields are free. What the
 * documents only show as an example (`examples`: wording, example values, headers the vendor may
 * omit) is compared the same way, but a difference is a warning.
 */
export const documentedValues: Check = {
  run({ exchange, expect }) {
    const forStatus = expect.byStatus?.[String(exchange.response.status)];
    const strict = wanted([expect, forStatus]);
    const examples = wanted([expect.examples, forStatus?.examples]);
    if ([strict, examples].every((item) => item.values.length === 0 && Object.keys(item.headers).length === 0)) {
      return notApplicable("the case states no values");
    }
    return outcome(differences(exchange.response, strict, "failure"), differences(exchange.response, examples, "warning"));
  },
};

function wanted(sources: Array<Pick<Expect, "values" | "headers"> | undefined>): Wanted {
  const present = sources.filter((source) => source !== undefined);
  return {
    values: present.map((source) => source.values).filter((values) => values !== undefined),
    headers: Object.assign({}, ...present.map((source) => source.headers)) as Headers,
  };
}

function differences(response: { headers: Record<string, string>; json: unknown }, wanted: Wanted, tier: keyof typeof TITLES): Finding[] {
  const failures: Finding[] = [];
  for (const [name, expected] of Object.entries(wanted.headers)) {
    const value = response.headers[name.toLowerCase()];
    if (expected === true ? value === undefined : expected === false ? value !== undefined : value !== expected) {
      const shown = expected === true ? "present" : expected === false ? "absent" : JSON.stringify(expected);
      failures.push({ title: TITLES[tier].header, where: `header ${name}`, received: value === undefined ? "absent" : JSON.stringify(value), expected: shown });
    }
  }
  for (const values of wanted.values) compare(response.json, values, "", (actual, expected, pointer) => failures.push(differs(actual, expected, pointer, TITLES[tier].value)));
  return failures;
}

function compare(actual: unknown, expected: unknown, pointer: string, report: (actual: unknown, expected: unknown, pointer: string) => void): void {
  if (expected !== null && typeof expected === "object") {
    // An empty expected array means "none", not "any".
    const emptyMismatch = Array.isArray(expected) && expected.length === 0 && Array.isArray(actual) && actual.length > 0;
    if (actual === null || typeof actual !== "object" || Array.isArray(actual) !== Array.isArray(expected) || emptyMismatch) {
      report(actual, expected, pointer);
      return;
    }
    for (const [key, value] of Object.entries(expected)) {
      compare((actual as Record<string, unknown>)[key], value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, report);
    }
    return;
  }
  if (actual !== expected) report(actual, expected, pointer);
}

function differs(actual: unknown, expected: unknown, pointer: string, title: string): Finding {
  const shown = (value: unknown) => (value === undefined ? "absent" : JSON.stringify(value));
  return { title, where: pointer || "/", received: shown(actual), expected: shown(expected) };
}
