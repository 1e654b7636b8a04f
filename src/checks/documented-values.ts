import { pointerToken, shownValueAt, type ReceivedJson } from "../contract/index.js";
import type { Expect } from "../conformance/types.js";
import { notApplicable, outcome, type Check, type Finding } from "./types.js";

/** What one part of the expectations states, with where it sits in them (`/byStatus/404`), so a finding can tell what the case filled in. */
interface Stated {
  values: Array<{ values: unknown; at: string }>;
  headers: Record<string, { expected: string | boolean; at: string }>;
}

const TITLES = {
  failure: { value: "Value differs from the documented one", header: "Header differs from the documented one" },
  warning: { value: "Value differs from the documented example", header: "Header differs from the documented example" },
};
/** For a value the case's variables filled in (the user its setup created, a value its run sent): not the documents' word. */
const FROM_CASE = { value: "Value differs from the one the case set up or sent", header: "Header differs from the one the case set up or sent" };

/**
 * The values the documents (or the case) state, compared exactly; other fields are free. What the
 * documents only show as an example (`examples`: wording, example values, headers the vendor may
 * omit) is compared the same way, but a difference is a warning.
 */
export const documentedValues: Check = {
  run({ exchange, expect, filledFromVariables = new Set() }) {
    const status = String(exchange.response.status);
    const forStatus = expect.byStatus?.[status];
    const strict = stated([[expect, ""], [forStatus, `/byStatus/${status}`]]);
    const examples = stated([[expect.examples, "/examples"], [forStatus?.examples, `/byStatus/${status}/examples`]]);
    if ([strict, examples].every((item) => item.values.length === 0 && Object.keys(item.headers).length === 0)) {
      return notApplicable("the case states no values");
    }
    const filled = (pointer: string) => [...filledFromVariables].some((from) => pointer === from || pointer.startsWith(`${from}/`));
    const strictTitles = (pointer: string) => (filled(pointer) ? FROM_CASE : TITLES.failure);
    return outcome(differences(exchange.response, strict, strictTitles), differences(exchange.response, examples, () => TITLES.warning));
  },
};

function stated(sources: Array<[Pick<Expect, "values" | "headers"> | undefined, string]>): Stated {
  const result: Stated = { values: [], headers: {} };
  for (const [source, at] of sources) {
    if (source?.values !== undefined) result.values.push({ values: source.values, at: `${at}/values` });
    for (const [name, expected] of Object.entries(source?.headers ?? {})) result.headers[name] = { expected, at: `${at}/headers/${pointerToken(name)}` };
  }
  return result;
}

/** `titlesAt` picks the wording for the expectation at a pointer into the case's expectations. */
function differences(response: ReceivedJson & { headers: Record<string, string> }, stated: Stated, titlesAt: (pointer: string) => typeof FROM_CASE): Finding[] {
  const failures: Finding[] = [];
  for (const [name, { expected, at }] of Object.entries(stated.headers)) {
    const value = response.headers[name.toLowerCase()];
    if (expected === true ? value === undefined : expected === false ? value !== undefined : value !== expected) {
      const shown = expected === true ? "present" : expected === false ? "absent" : JSON.stringify(expected);
      failures.push({ title: titlesAt(at).header, where: `header ${name}`, received: value === undefined ? "absent" : JSON.stringify(value), expected: shown });
    }
  }
  for (const { values, at } of stated.values) {
    compare(response.json, values, "", (expected, pointer) =>
      failures.push({ title: titlesAt(`${at}${pointer}`).value, where: pointer || "/", received: shownValueAt(response, pointer), expected: expected === undefined ? "absent" : JSON.stringify(expected) }),
    );
  }
  return failures;
}

function compare(actual: unknown, expected: unknown, pointer: string, report: (expected: unknown, pointer: string) => void): void {
  if (expected !== null && typeof expected === "object") {
    // An empty expected array means "none", not "any".
    const emptyMismatch = Array.isArray(expected) && expected.length === 0 && Array.isArray(actual) && actual.length > 0;
    if (actual === null || typeof actual !== "object" || Array.isArray(actual) !== Array.isArray(expected) || emptyMismatch) {
      report(expected, pointer);
      return;
    }
    for (const [key, value] of Object.entries(expected)) compare((actual as Record<string, unknown>)[key], value, `${pointer}/${pointerToken(key)}`, report);
    return;
  }
  if (actual !== expected) report(expected, pointer);
}
