import fc from "fast-check";
import type { Contract, Operation } from "../../contract/index.js";
import type { SchemaObject } from "../../contract/types.js";
import { valueArbitrary } from "../schema-arbitrary.js";
import type { GenerateOptions, GenerationStats } from "../types.js";
import { bodySchema, parametersOf, toCaseRequest, validateCaseRequest, type ParameterLocation, type RequestParts } from "./request-parts.js";

/** A parameter's value as the text it travels as. */
export function parameterText(schema: SchemaObject, medium: ParameterLocation): fc.Arbitrary<string> {
  return valueArbitrary(schema, medium).map((value) => (typeof value === "string" ? value : JSON.stringify(value)));
}

/** Parts of requests drawn from the operation's schemas: required parameters always, optional ones half the time. */
export function requestPartsArbitrary(operation: Operation, options: GenerateOptions): fc.Arbitrary<RequestParts> {
  const skipped = new Set(options.skipParameters ?? []);
  const groups: Record<ParameterLocation, Record<string, fc.Arbitrary<string | undefined>>> = { path: {}, query: {}, header: {} };
  for (const parameter of parametersOf(operation)) {
    if (skipped.has(`${parameter.in}/${parameter.name}`)) continue;
    const given = parameter.in === "path" ? options.pathValues?.[parameter.name] : undefined;
    const text = given !== undefined ? fc.constant(given) : parameterText((parameter.schema ?? {}) as SchemaObject, parameter.in);
    groups[parameter.in][parameter.name] = parameter.required ? text : fc.option(text, { nil: undefined });
  }
  const schema = bodySchema(operation);
  const body = schema ? valueArbitrary(schema, "json") : fc.constant(undefined);
  return fc.record({
    path: fc.record(groups.path).map(defined),
    query: fc.record(groups.query).map(defined),
    header: fc.record(groups.header).map(defined),
    body: operation.requestBody?.required ? body : fc.option(body, { nil: undefined }),
  });
}

function defined(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Parts whose request the contract's validator accepts; the rare one it rejects (a keyword not modelled) is counted and dropped. */
export function validPartsArbitrary(contract: Contract, operation: Operation, options: GenerateOptions): fc.Arbitrary<RequestParts> {
  const stats: GenerationStats | undefined = options.stats;
  return requestPartsArbitrary(operation, options).filter((parts) => {
    const valid = validateCaseRequest(contract, operation, toCaseRequest(operation, parts))?.valid === true;
    if (stats) {
      stats.positivesDrawn++;
      if (!valid) stats.positivesRejected++;
    }
    return valid;
  });
}
