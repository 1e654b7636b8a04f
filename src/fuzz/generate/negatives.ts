import fc from "fast-check";
import type { Contract, Operation } from "../../contract/index.js";
import type { SchemaObject } from "../../contract/types.js";
import type { CaseRequest } from "../../conformance/types.js";
import { objectMutations, scalarMutations, type Mutation } from "../schema-mutations.js";
import { alternatives, flattenAllOf, withoutKeyword } from "../schema-shape.js";
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
 *
 * The constraint broken is chosen before the request is drawn, and the valid request and the
 * broken value are drawn side by side: fast-check can then shrink each on its own, dropping the
 * optional parameters and headers a failure does not need while it keeps the same violation.
 */
export function negativeRequestsArbitrary(contract: Contract, operation: Operation, options: GenerateOptions): fc.Arbitrary<GeneratedRequest> {
  const body: Validate = (schema, value) => contract.validators.forSchema(schema)(value).valid;
  const parameter: Validate = (schema, value) => contract.validators.forParameter(schema)(value).valid;
  const credentialed = credentialsRequired(operation);
  const valid = validPartsArbitrary(contract, operation, options);
  const mutants: fc.MaybeWeightedArbitrary<Mutant | undefined>[] = [
    ...parameterMutants(operation, valid, options, parameter),
    ...bodyMutants(operation, valid, body),
    ...(credentialed ? credentialMutants(operation, valid, options) : []),
  ];
  if (mutants.length === 0) throw new Error(`${operation.operationId} has no constraint a request could break`);
  return fc
    .oneof(...mutants)
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

function parameterMutants(operation: Operation, valid: fc.Arbitrary<RequestParts>, options: GenerateOptions, validate: Validate): fc.Arbitrary<Mutant>[] {
  const skipped = new Set(options.skipParameters ?? []);
  const mutants: fc.Arbitrary<Mutant>[] = [];
  for (const parameter of parametersOf(operation)) {
    const where = `${parameter.in}/${parameter.name}`;
    if (skipped.has(where) || (parameter.in === "path" && options.pathValues?.[parameter.name] !== undefined)) continue;
    const withValue = (parts: RequestParts, value: string | undefined): RequestParts => {
      const group = { ...parts[parameter.in] };
      if (value === undefined) delete group[parameter.name];
      else group[parameter.name] = value;
      return { ...parts, [parameter.in]: group };
    };
    if (parameter.required && parameter.in !== "path") {
      const violation: Violation = { kind: "required", location: where, detail: `${parameter.name} (required) missing` };
      mutants.push(valid.map((parts) => ({ request: toCaseRequest(operation, withValue(parts, undefined)), violation, breaksOneKeyword: true })));
    }
    const schema = flattenAllOf((parameter.schema ?? {}) as SchemaObject);
    for (const mutation of scalarMutations(schema, parameter.in, parameter.name)) {
      mutants.push(
        fc.tuple(valid, mutation.replacement).map(([parts, { value }]) => ({
          request: toCaseRequest(operation, withValue(parts, value as string)),
          violation: { kind: mutation.kind, location: where, detail: mutation.detail },
          breaksOneKeyword: breaksAlone(validate, schema, mutation.keyword, value),
        })),
      );
    }
  }
  return mutants;
}

/**
 * Body mutations, drawn after the body: which places a body has depends on it. Weighted by the
 * properties the schema declares, so that a body is broken about as often as its parameters.
 */
function bodyMutants(operation: Operation, valid: fc.Arbitrary<RequestParts>, validate: Validate): fc.MaybeWeightedArbitrary<Mutant | undefined>[] {
  const schema = bodySchema(operation);
  if (!schema) return [];
  const mutants: fc.MaybeWeightedArbitrary<Mutant | undefined>[] = [];
  if (operation.requestBody?.required) {
    const violation: Violation = { kind: "required", location: "body", detail: "the required body missing" };
    mutants.push(valid.map((parts) => ({ request: toCaseRequest(operation, { ...parts, body: undefined }), violation, breaksOneKeyword: true })));
  }
  const broken = valid.chain((parts) => {
    const inBody = parts.body === undefined ? [] : bodyPlaceMutants(operation, parts, schema, validate);
    return inBody.length > 0 ? fc.oneof(...inBody) : fc.constant(undefined);
  });
  mutants.push({ weight: 1 + declaredProperties(schema), arbitrary: broken });
  return mutants;
}

/** The properties a body schema names, in itself or in its alternatives (oneOf/anyOf). */
function declaredProperties(schema: SchemaObject): number {
  const flat = flattenAllOf(schema);
  const names = new Set([flat, ...(alternatives(flat) ?? [])].flatMap((each) => Object.keys(flattenAllOf(each).properties ?? {})));
  return names.size;
}

function bodyPlaceMutants(operation: Operation, parts: RequestParts, schema: SchemaObject, validate: Validate): fc.Arbitrary<Mutant>[] {
  const mutants: fc.Arbitrary<Mutant>[] = [];
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

function credentialMutants(operation: Operation, valid: fc.Arbitrary<RequestParts>, options: GenerateOptions): fc.Arbitrary<Mutant>[] {
  const schemes = operation.security.map((requirement) => Object.keys(requirement).join(" + ")).join(" or ");
  const withAuth = (auth: "none" | "invalid", violation: Violation) =>
    valid.map((parts): Mutant => ({ request: { ...toCaseRequest(operation, parts), ...options.withoutCredentials, auth }, violation, breaksOneKeyword: true }));
  return [
    withAuth("none", { kind: "credential-missing", location: "auth", detail: `no credentials (${schemes} required)` }),
    withAuth("invalid", { kind: "credential-invalid", location: "auth", detail: "a token the implementation cannot know" }),
  ];
}
