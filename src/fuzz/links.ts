import type { Contract, Operation } from "../contract/index.js";
import type { ParameterObject, SchemaObject } from "../contract/types.js";
import type { Expect } from "../conformance/types.js";
import { admittedTypes, alternatives, flattenAllOf } from "./schema-shape.js";

/** One parameter a link sets: the target's parameter, from a JSON pointer into the source's response body, or from the source's request. */
export interface LinkParameter {
  parameter: ParameterObject;
  /** `$response.body#/user/id` → ["user", "id"]; empty for a value from the request. */
  pointer: string[];
  /** `$request.path.id` → the source request's path parameter `id` (links from an archive's answer only). */
  request?: { in: "path" | "query" | "header"; name: string };
  /** `$response.header.Location` → that header of the source's answer (lower-cased), and whether the response requires it. */
  header?: { name: string; required: boolean };
}

/** An OpenAPI link of a response, resolved against the contract. */
export interface OperationLink {
  name: string;
  source: Operation;
  /** The response that declares it, as keyed in the document ("200"). */
  status: string;
  target: Operation;
  parameters: LinkParameter[];
  /** `x-expect`: what the linked request must get, in the case format (a lifecycle rule). */
  expect?: Expect;
}

interface LinkObject {
  operationId?: string;
  operationRef?: string;
  parameters?: Record<string, unknown>;
  "x-expect"?: Expect;
}

const BODY_EXPRESSION = /^\$response\.body#(\/.*)?$/;
const REQUEST_EXPRESSION = /^\$request\.(path|query|header)\.(.+)$/;
const HEADER_EXPRESSION = /^\$response\.header\.(.+)$/;

/** The JSON schema of a response's JSON body, if it has one. */
function bodySchema(operation: Operation, status: string): SchemaObject | undefined {
  return operation.responses[status]?.content?.["application/json"]?.schema as SchemaObject | undefined;
}

function decodePointer(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The schemas a property is declared by, in any branch of the schema; empty when none declares it. */
export function declaring(schema: SchemaObject, name: string): SchemaObject[] {
  const flat = flattenAllOf(schema);
  const own = flat.properties?.[name] as SchemaObject | undefined;
  return [...(own ? [own] : []), ...(alternatives(flat) ?? []).flatMap((branch) => declaring(branch, name))];
}

/** Whether every schema along the pointer declares the next property. */
export function declares(schema: SchemaObject, pointer: string[]): boolean {
  if (pointer.length === 0) return true;
  return declaring(schema, pointer[0]!).some((property) => declares(property, pointer.slice(1)));
}

/** Whether the property is required at every step of the pointer, and its value can never be null. */
export function alwaysPresent(schema: SchemaObject, pointer: string[]): boolean {
  if (pointer.length === 0) return !(admittedTypes(flattenAllOf(schema)) ?? ["null"]).includes("null");
  const flat = flattenAllOf(schema);
  const property = flat.properties?.[pointer[0]!] as SchemaObject | undefined;
  return (flat.required ?? []).includes(pointer[0]!) && property !== undefined && alwaysPresent(property, pointer.slice(1));
}

function targetParameter(target: Operation, name: string): ParameterObject | undefined {
  const qualified = /^(path|query|header|cookie)\.(.+)$/.exec(name);
  return target.parameters.find((parameter) => (qualified ? parameter.in === qualified[1] && parameter.name === qualified[2] : parameter.name === name));
}

type Resolved = { ok: true; link: OperationLink } | { ok: false; problem: string };

function resolveLink(contract: Contract, source: Operation, status: string, name: string, link: LinkObject): Resolved {
  const where = `${source.operationId} ${status} link ${name}`;
  const target = link.operationId === undefined ? undefined : contract.byId(link.operationId);
  if (!target) return { ok: false, problem: `${where}: operationId ${link.operationId ?? "(none, operationRef is not followed)"} is not an operation of the contract` };
  const schema = bodySchema(source, status);
  const parameters: LinkParameter[] = [];
  for (const [parameterName, expression] of Object.entries(link.parameters ?? {})) {
    const parameter = targetParameter(target, parameterName);
    if (!parameter) return { ok: false, problem: `${where}: ${target.operationId} has no parameter ${parameterName}` };
    const fromRequest = typeof expression === "string" ? REQUEST_EXPRESSION.exec(expression) : null;
    if (fromRequest) {
      // Followed from an archive's answer only, whose request a lifecycle has just sent (a body-less answer gives nothing else).
      const [, location, sourceName] = fromRequest as unknown as [string, "path" | "query" | "header", string];
      if (source.extensions["x-archive"] !== true) return { ok: false, problem: `${where}: ${expression} is followed only in links of an x-archive operation's answer` };
      if (!source.parameters.some((candidate) => candidate.in === location && candidate.name.toLowerCase() === sourceName.toLowerCase())) {
        return { ok: false, problem: `${where}: ${expression} names a parameter ${source.operationId} does not have` };
      }
      parameters.push({ parameter, pointer: [], request: { in: location, name: sourceName } });
      continue;
    }
    const fromHeader = typeof expression === "string" ? HEADER_EXPRESSION.exec(expression) : null;
    if (fromHeader) {
      const headers = (source.responses[status]?.headers ?? {}) as Record<string, { required?: boolean }>;
      const declared = Object.entries(headers).find(([header]) => header.toLowerCase() === fromHeader[1]!.toLowerCase());
      if (!declared) return { ok: false, problem: `${where}: ${expression} names a header the ${status} response does not declare` };
      parameters.push({ parameter, pointer: [], header: { name: fromHeader[1]!.toLowerCase(), required: declared[1].required === true } });
      continue;
    }
    const matched = typeof expression === "string" ? BODY_EXPRESSION.exec(expression) : null;
    if (!matched) return { ok: false, problem: `${where}: ${JSON.stringify(expression)} is not a $response.body#/…, $response.header.… or $request.path|query|header.… expression` };
    const pointer = decodePointer(matched[1] ?? "");
    if (!schema || !declares(schema, pointer)) return { ok: false, problem: `${where}: ${expression} names a property the ${status} response's schema does not declare` };
    parameters.push({ parameter, pointer });
  }
  return { ok: true, link: { name, source, status, target, parameters, ...(link["x-expect"] ? { expect: link["x-expect"] } : {}) } };
}

function resolvedLinks(contract: Contract, operation: Operation): Resolved[] {
  return Object.entries(operation.responses).flatMap(([status, response]) =>
    Object.entries((response.links ?? {}) as Record<string, LinkObject>).map(([name, link]) => resolveLink(contract, operation, status, name, link)),
  );
}

/** The links an operation's responses declare, each resolved (those that do not resolve are left out: see linkProblems). */
export function operationLinks(contract: Contract, operation: Operation): OperationLink[] {
  return resolvedLinks(contract, operation).flatMap((resolved) => (resolved.ok ? [resolved.link] : []));
}

/** Every link of the contract that names no operation, no parameter of it, or a property its response does not declare. */
export function linkProblems(contract: Contract): string[] {
  return contract.operations.flatMap((operation) => resolvedLinks(contract, operation).flatMap((resolved) => (resolved.ok ? [] : [resolved.problem])));
}
