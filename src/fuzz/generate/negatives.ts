import fc from "fast-check";
import type { Contract, Operation } from "../../contract/index.js";
import type { SchemaObject } from "../../contract/types.js";
import type { CaseRequest } from "../../conformance/types.js";
import { objectMutations, scalarMutations, type Mutation } from "../schema-mutations.js";
import { flattenAllOf, withoutKeyword } from "../schema-shape.js";
import { replaceAt, sitesOf } from "../schema-sites.js";
import type { GenerateOptions, GeneratedRequest, Violation } from "../types.js";
import { validPartsArbitrary } from "./positives.js";
import { bodySchema, credentialsRequired, parametersOf, toCaseRequest, validateCaseRequest, type RequestParts } from "./request-parts.js";

/** A candidate negative: the request, what it claims to break, and whether the broken value breaks that keyword alone. */
interface Mutant {
  request: CaseRequest;
  violation: Violation;
  breaksOneKeyword: boolean;
}

type Validate = (schema: SchemaObject, value: unknown) => boolean;

/**
 * Requests that each break exactly one constraint of the operation, built from a valid request.
 * Each is proven before it is returned: the broken value fails its schema and passes it without
 * the broken keyword, and the contract's request validator rejects the whole request at the
 * claimed location. Anything else is counted and regenerated, never returned.
 */
export function negativeRequestsArbitrary(contract: Contract, operation: Operation, options: GenerateOptions): fc.Arbitrary<GeneratedRequest> {
  const body: Validate = (schema, value) => contract.validators.forSchema(schema)(value).valid;
  const parameter: Validate = (schema, value) => contract.validators.forParameter(schema)(value).valid;
  const credentialed = credentialsRequired(operation);
  if (!credentialed && parametersOf(operation).length === 0 && !bodySchema(operation)) {
    throw new Error(`${operation.operationId} has no constraint a request could break`);
  }
  return validPartsArbitrary(contract, operation, options)
    .chain((parts) => {
      const candidates = [
        ...parameterMutants(operation, parts, options, parameter),
        ...bodyMutants(operation, parts, body),
        ...(credentialed ? credentialMutants(operation, parts, options) : []),
      ];
      return candidates.length > 0 ? fc.oneof(...candidates) : fc.constant(undefined);
    })
    .filter((mutant): mutant is Mutant => {
      const proven = mutant !== undefined && proveInvalid(contract, operation, mutant);
      if (options.stats) {
        options.stats.negativesDrawn++;
        if (!proven) options.stats.negativesRejected++;
      }
      return proven;
    })
    .map(({ request, violation }) => ({ operationId: operation.operationId, request, violation }));
}

function proveInvalid(contract: Contract, operation: Operation, mutant: Mutant): boolean {
  if (!mutant.breaksOneKeyword) return false;
  const validation = validateCaseRequest(contract, operation, mutant.request);
  if (!validation) return false;
  if (mutant.violation.kind === "credential-missing" || mutant.violation.kind === "credential-invalid") {
    // Security is the API's to judge, not the schema validator's: the rest of the request must be valid.
    return validation.valid;
  }
  return !validation.valid && validation.issues.some((issue) => issue.pointer === mutant.violation.location);
}

/** The mutated value fails the schema, and passes it once the broken keyword is taken away. */
function breaksAlone(validate: Validate, schema: SchemaObject, keyword: string, value: unknown): boolean {
  return value !== undefined && !validate(schema, value) && validate(withoutKeyword(schema, keyword), value);
}

function parameterMutants(operation: Operation, parts: RequestParts, options: GenerateOptions, validate: Validate): fc.Arbitrary<Mutant>[] {
  const skipped = new Set(options.skipParameters ?? []);
  const mutants: fc.Arbitrary<Mutant>[] = [];
  for (const parameter of parametersOf(operation)) {
    const where = `${parameter.in}/${parameter.name}`;
    if (skipped.has(where) || (parameter.in === "path" && options.pathValues?.[parameter.name] !== undefined)) continue;
    const withValue = (value: string | undefined): RequestParts => {
      const group = { ...parts[parameter.in] };
      if (value === undefined) delete group[parameter.name];
      else group[parameter.name] = value;
      return { ...parts, [parameter.in]: group };
    };
    if (parameter.required && parameter.in !== "path") {
      const violation: Violation = { kind: "required", location: where, detail: `${parameter.name} (required) missing` };
      mutants.push(fc.constant({ request: toCaseRequest(operation, withValue(undefined)), violation, breaksOneKeyword: true }));
    }
    const schema = flattenAllOf((parameter.schema ?? {}) as SchemaObject);
    for (const mutation of scalarMutations(schema, parameter.in, parameter.name)) {
      mutants.push(
        mutation.replacement.map(({ value }) => ({
          request: toCaseRequest(operation, withValue(value as string)),
          violation: { kind: mutation.kind, location: where, detail: mutation.detail },
          breaksOneKeyword: breaksAlone(validate, schema, mutation.keyword, value),
        })),
      );
    }
  }
  return mutants;
}

function bodyMutants(operation: Operation, parts: RequestParts, validate: Validate): fc.Arbitrary<Mutant>[] {
  const schema = bodySchema(operation);
  if (!schema) return [];
  const mutants: fc.Arbitrary<Mutant>[] = [];
  if (operation.requestBody?.required) {
    const violation: Violation = { kind: "required", location: "body", detail: "the required body missing" };
    mutants.push(fc.constant({ request: toCaseRequest(operation, { ...parts, body: undefined }), violation, breaksOneKeyword: true }));
  }
  if (parts.body === undefined) return mutants;
  for (const site of sitesOf(schema, parts.body, validate)) {
    const name = site.pointer === "" ? "body" : site.pointer.slice(site.pointer.lastIndexOf("/") + 1).replace(/~1/g, "/").replace(/~0/g, "~");
    const isObject = site.value !== null && typeof site.value === "object" && !Array.isArray(site.value);
    const mutations: Mutation[] = [
      ...scalarMutations(site.schema, "json", name),
      ...(isObject ? objectMutations(site.schema, site.value as Record<string, unknown>, name) : []),
    ];
    for (const mutation of mutations) {
      mutants.push(
        mutation.replacement.map(({ value, suffix }) => ({
          request: toCaseRequest(operation, { ...parts, body: replaceAt(parts.body, site.pointer, value) }),
          violation: { kind: mutation.kind, location: `body${site.pointer}${suffix}`, detail: mutation.detail },
          breaksOneKeyword: breaksAlone(validate, site.schema, mutation.keyword, value),
        })),
      );
    }
  }
  return mutants;
}

function credentialMutants(operation: Operation, parts: RequestParts, options: GenerateOptions): fc.Arbitrary<Mutant>[] {
  const request = { ...toCaseRequest(operation, parts), ...options.withoutCredentials };
  const schemes = operation.security.map((requirement) => Object.keys(requirement).join(" + ")).join(" or ");
  return [
    fc.constant({ request: { ...request, auth: "none" }, violation: { kind: "credential-missing", location: "auth", detail: `no credentials (${schemes} required)` }, breaksOneKeyword: true }),
    fc.constant({ request: { ...request, auth: "invalid" }, violation: { kind: "credential-invalid", location: "auth", detail: "a token the implementation cannot know" }, breaksOneKeyword: true }),
  ];
}
