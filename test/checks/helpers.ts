import { contractFile, type ApiName } from "../../src/apis/shipped-apis.js";
import type { CheckContext } from "../../src/checks/index.js";
import { loadContract, type Contract, type Operation } from "../../src/contract/index.js";
import type { SchemaObject } from "../../src/contract/types.js";
import type { Expect } from "../../src/conformance/types.js";

export interface ExchangeParts {
  status: number;
  /** Header names as the check sees them: lower-case. */
  headers?: Record<string, string>;
  /** The parsed body; `text` defaults to its JSON text. */
  json?: unknown;
  /** The raw body; without `json`, the body is not JSON. */
  text?: string;
  method?: string;
  url?: string;
}

/** A finished exchange as the runner hands it to the checks. */
export function exchange({ status, headers = {}, json, text, method = "DELETE", url = "http://localhost/users/5714dd359a3fd47136000001" }: ExchangeParts): CheckContext["exchange"] {
  return {
    request: { method, url, target: new URL(url).pathname + new URL(url).search, headers: {}, body: "" },
    response: { status, headers, text: text ?? (json === undefined ? "" : JSON.stringify(json)), json },
    durationMs: 0,
  };
}

/** The error envelope of each API, by the name its conformance plugin gives. */
const ERROR_SCHEMA: Record<ApiName, string> = { intercom: "ErrorList", dfns: "ErrorResponse" };

export interface Api {
  contract: Contract;
  errorSchema: SchemaObject;
  /** A documented operation, by operationId (throws when the contract lacks it). */
  operation(operationId: string): Operation;
  /** A documented example value from `components.examples`. */
  example(name: string): unknown;
  /** A documented example of one response of one operation (application/json), by name. */
  responseExample(operationId: string, status: string, name: string): unknown;
  /** A check context: the operation (by id, or none), an empty expectation and no semantic checks unless given. */
  context(parts: { operation?: string; expect?: Expect; requested?: string[]; exchange: CheckContext["exchange"] }): CheckContext;
}

const loaded = new Map<ApiName, Promise<Api>>();

/** One shipped contract, loaded once per test file. */
export function shipped(name: ApiName): Promise<Api> {
  let api = loaded.get(name);
  if (!api) loaded.set(name, (api = load(name)));
  return api;
}

async function load(name: ApiName): Promise<Api> {
  const contract = await loadContract(contractFile(name));
  const errorSchema = contract.document.components?.schemas?.[ERROR_SCHEMA[name]] as SchemaObject | undefined;
  if (!errorSchema) throw new Error(`${name}: no ${ERROR_SCHEMA[name]} schema`);
  const operation = (operationId: string): Operation => {
    const found = contract.byId(operationId);
    if (!found) throw new Error(`${name}: no operation ${operationId}`);
    return found;
  };
  const example = (exampleName: string): unknown => {
    const found = contract.document.components?.examples?.[exampleName] as { value?: unknown } | undefined;
    if (found?.value === undefined) throw new Error(`${name}: no example ${exampleName}`);
    return structuredClone(found.value);
  };
  const responseExample = (operationId: string, status: string, exampleName: string): unknown => {
    const media = operation(operationId).responses[status]?.content?.["application/json"];
    const found = media?.examples?.[exampleName] as { value?: unknown } | undefined;
    if (found?.value === undefined) throw new Error(`${name}: no example ${exampleName} on ${operationId} ${status}`);
    return structuredClone(found.value);
  };
  return {
    contract,
    errorSchema,
    operation,
    example,
    responseExample,
    context: ({ operation: operationId, expect = {}, requested = [], exchange }) => ({
      contract,
      operation: operationId === undefined ? undefined : operation(operationId),
      expect,
      requested,
      exchange,
      errorSchema,
    }),
  };
}

/** A copy of a JSON object with some fields replaced and some removed. */
export function edited(value: unknown, changes: Record<string, unknown>, removed: string[] = []): Record<string, unknown> {
  const copy = structuredClone(value) as Record<string, unknown>;
  Object.assign(copy, changes);
  for (const key of removed) delete copy[key];
  return copy;
}

/** The rate-limit headers every Intercom response documents as required, with valid values. */
export const RATE_LIMIT: Readonly<Record<string, string>> = {
  "x-ratelimit-limit": "500",
  "x-ratelimit-remaining": "499",
  "x-ratelimit-reset": "1460985201",
};

export const JSON_TYPE: Readonly<Record<string, string>> = { "content-type": "application/json; charset=utf-8" };
