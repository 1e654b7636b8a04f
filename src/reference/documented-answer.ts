import { findMediaType } from "../contract/core.js";
import type { HeaderObject, Operation, ResponseObject, SchemaObject } from "../contract/types.js";
import type { ReferenceResponse } from "./types.js";

/** The statuses an operation documents, as the contract writes them ("200", "429", "4XX"), a range after its codes; `default` is not one. */
export function documentedStatuses(operation: Operation): string[] {
  const order = (key: string) => Number(key.replace(/x/gi, "9"));
  return Object.keys(operation.responses)
    .filter((key) => key !== "default")
    .sort((a, b) => order(a) - order(b));
}

/** The response documented for a status, by its exact code or its range ("4XX"), never by `default`. */
export function documentedResponse(operation: Operation, status: number): ResponseObject | undefined {
  const code = String(status);
  return operation.responses[code] ?? operation.responses[`${code[0]}XX`] ?? operation.responses[`${code[0]}xx`];
}

/** The lowest success status the operation documents (a `2XX` range stands for 200). */
export function successStatus(operation: Operation): number | undefined {
  const success = documentedStatuses(operation).find((key) => key.startsWith("2"));
  return success === undefined ? undefined : Number(success.replace(/xx$/i, "00"));
}

export type DocumentedAnswer = { ok: true; response: ReferenceResponse } | { ok: false; message: string };

/** Who asked for a documented answer: a request's `Prefer` header, or a planned answer (`respond`). */
export type AskedBy = "prefer" | "plan";

/**
 * The documented answer for `status`: its JSON example (`exampleName`, else the first named
 * example, else the unnamed one), and its documented headers at their example values. A status
 * whose JSON content has no example, or that only a range (`5XX`) documents, gets
 * `fallbackBody(status)`: the API's own error envelope. A range's examples illustrate other
 * operations (a 503 of a catalog upload), so one is served only when asked for by name.
 */
export function documentedAnswer(
  operation: Operation,
  status: number,
  exampleName: string | undefined,
  fallbackBody: (status: number) => unknown,
  asked: AskedBy = "prefer",
): DocumentedAnswer {
  // A refusal names the request as it was asked for: a Prefer header, or a planned answer's fields.
  const named = (field: "code" | "example", value: string | number) => (asked === "prefer" ? `Prefer: ${field}=${value}` : `${field} ${value}`);
  const response = documentedResponse(operation, status);
  if (!response) {
    return { ok: false, message: `${named("code", status)} is not documented for ${operation.operationId}; documented: ${documentedStatuses(operation).join(", ")}` };
  }
  const media = findMediaType(response as { content?: Record<string, { schema?: unknown }> }, "application/json");
  const examples = namedExamples(media?.entry);
  if (exampleName !== undefined && !examples.has(exampleName)) {
    const names = [...examples.keys()];
    const known = names.length === 0 ? "it documents no named example" : `its examples: ${names.join(", ")}`;
    return { ok: false, message: `${named("example", exampleName)} is not a documented example of ${operation.operationId}'s ${status}; ${known}` };
  }
  const headers = documentedHeaders(response);
  if (!media) return { ok: true, response: { status, headers } };
  const ownExample = () => (Object.hasOwn(operation.responses, String(status)) ? ([...examples.values()][0] ?? unnamedExample(media.entry)) : undefined);
  const body = exampleName !== undefined ? examples.get(exampleName) : (ownExample() ?? fallbackBody(status));
  if (!/^application\/json$/i.test(media.mediaType)) headers["Content-Type"] = media.mediaType;
  return { ok: true, response: { status, headers, body } };
}

interface MediaEntry {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

/** The examples by name: a Map, so that no name (`__proto__`, `constructor`) reaches anything but the contract's own. */
function namedExamples(entry: MediaEntry | undefined): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [name, example] of Object.entries(entry?.examples ?? {})) {
    if (example?.value !== undefined) found.set(name, example.value);
  }
  return found;
}

function unnamedExample(entry: MediaEntry): unknown {
  if (entry.example !== undefined) return entry.example;
  const schema = entry.schema as SchemaObject | undefined;
  return schema?.examples?.[0] ?? schema?.example;
}

/** Each documented header with a value the contract shows for it; a header it shows none for is left out. */
function documentedHeaders(response: ResponseObject): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, definition] of Object.entries(response.headers ?? {})) {
    const header = definition as HeaderObject & { examples?: Record<string, { value?: unknown }> };
    const schema = header.schema as SchemaObject | undefined;
    const value =
      header.example ?? Object.values(header.examples ?? {})[0]?.value ?? schema?.examples?.[0] ?? schema?.example ?? schema?.default;
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}
