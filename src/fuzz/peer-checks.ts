import fc from "fast-check";
import type { Contract, Operation } from "../contract/index.js";
import type { Case, CaseRequest } from "../conformance/types.js";
import type { CaseProperty, CasePropertyOptions } from "./case-property.js";
import type { FuzzCase } from "./case-result.js";
import { operationLinks } from "./links.js";
import { sequenceRoots } from "./lifecycle-roots.js";
import { CREATED, createStep, kebab, linkedRequest, newUsers, usableBy } from "./sequences.js";
import { isDestructive, successStatus } from "./targets.js";
import type { GeneratedRequest } from "./types.js";

// What the peers check that a contract makes certain (Schemathesis's unsupported_method,
// ignored_auth, and its random extra headers), as properties of this engine.

const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH"] as const;
const SAFE = new Set(["get", "head"]);

type Positive = CasePropertyOptions["positive"];

/** A property of generated requests, reported like an operation's own (run-fuzz.ts `check`). */
export interface RequestProperty {
  fuzzCase: FuzzCase;
  arbitrary: fc.Arbitrary<GeneratedRequest>;
}

/**
 * Methods the contract does not list for a path, sent to it (the path's parameters from a valid
 * request of an operation it has, no body): each must get 405 with an `Allow` header naming what
 * the path supports (`unsupported-method`). Undefined when every path has every method.
 */
export function undocumentedMethods(contract: Contract, operations: Operation[], positive: Positive): RequestProperty | undefined {
  const byPath = new Map<string, Operation>();
  for (const operation of operations) if (!byPath.has(operation.pathTemplate)) byPath.set(operation.pathTemplate, operation);
  const pairs = [...byPath.values()].flatMap((operation) => {
    const documented = new Set(contract.methodsAt(operation.pathTemplate).map((method) => method.toUpperCase()));
    return METHODS.filter((method) => !documented.has(method)).map((method) => ({ operation, method }));
  });
  if (pairs.length === 0) return undefined;
  const arbitrary = fc.constantFrom(...pairs).chain(({ operation, method }) =>
    positive(contract, operation).map(({ request }): GeneratedRequest => {
      const { body: _body, rawBody: _raw, ...rest } = request as CaseRequest & { rawBody?: string };
      return { operationId: operation.operationId, request: { ...rest, method }, violation: { kind: "method", location: "method", detail: `${method} is not a method the contract lists for ${operation.pathTemplate}` } };
    }),
  );
  return { fuzzCase: { name: "fuzz-unsupported-methods", operation: pairs[0]!.operation, label: "methods the contract does not list for a path" }, arbitrary };
}

/** Header names no server reads: random, under a prefix of their own, so that none means something (Host, Authorization, a vendor's). */
const extraHeaderName = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).map((name) => `x-ak-${name}`);
const extraHeaderValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,38}[\x21-\x7e])?$/);

/**
 * Valid requests to the operations that only read, each with one to three random headers added:
 * an unknown header changes nothing the contract promises, so every answer must still be one it
 * documents (never a 5xx). Undefined when no selected operation only reads.
 */
export function extraHeaders(contract: Contract, operations: Operation[], positive: Positive): RequestProperty | undefined {
  const reads = operations.filter((operation) => SAFE.has(operation.method.toLowerCase()));
  if (reads.length === 0) return undefined;
  const headers = fc.dictionary(extraHeaderName, extraHeaderValue, { minKeys: 1, maxKeys: 3 });
  const arbitrary = fc.constantFrom(...reads).chain((operation) =>
    fc.tuple(positive(contract, operation), headers).map(([generated, extra]): GeneratedRequest => ({ ...generated, request: { ...generated.request, headers: { ...generated.request.headers, ...extra } } })),
  );
  return { fuzzCase: { name: "fuzz-extra-headers", operation: reads[0]!, label: "valid requests with random extra headers" }, arbitrary };
}

/**
 * A read that succeeded, repeated without credentials and with a token nobody has: each must get
 * the documented 401 (`auth-required`). The user read is one the case creates (each root create's
 * read links), so the first read succeeds on any server.
 */
export function ignoredAuth(contract: Contract, operations: Operation[], options: CasePropertyOptions): CaseProperty[] {
  return sequenceRoots(contract, operations).flatMap((root) => {
    const reads = operationLinks(contract, root).filter((link) => link.status === successStatus(root) && !link.expect && !isDestructive(contract, link.target) && link.target.security.length > 0);
    if (reads.length === 0) return [];
    const name = `fuzz-ignored-auth-${kebab(root.operationId)}`;
    const arbitrary = newUsers(contract, root, options, name)
      .chain(({ body, nonce, sent }) => {
        const usable = reads.filter(usableBy(sent));
        return usable.length === 0 ? fc.constant(undefined) : fc.constantFrom(...usable).map((read): Case => {
          const request = linkedRequest(read, CREATED);
          const without = (auth: "none" | "invalid", title: string) => ({ title, request: { ...request, ...options.withoutCredentials, auth }, expect: { status: 401 }, checks: ["auth-required"] });
          return {
            id: `${options.apiName}/${name}-${nonce.toString(36)}`,
            title: `Generated: ${read.target.operationId} of a created user, again without credentials and with a token nobody has`,
            source: "generated: a request that succeeds with credentials gets 401 without them (the operation's security)",
            operation: read.target.operationId,
            tags: ["generated", "auth"],
            file: "(generated)",
            ...createStep(root, body),
            then: [
              { title: `${read.target.operationId} (linked ${read.name})`, request, expect: { status: Number(successStatus(read.target)) } },
              without("none", `${read.target.operationId} again, without credentials`),
              without("invalid", `${read.target.operationId} again, with a token nobody has`),
            ],
          };
        });
      })
      .filter((testCase): testCase is Case => testCase !== undefined);
    return [{ name, operation: root, label: "successful reads repeated without valid credentials", arbitrary }];
  });
}
