import fc from "fast-check";
import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { Case, CaseRequest } from "../conformance/types.js";
import { validateCaseRequest } from "./generate/request-parts.js";
import { declaring, operationLinks } from "./links.js";
import { uniqueBody, withStandIns } from "./sequence-body.js";
import { CREATED, createStep, kebab, newUsers, nonces, type SequenceOptions } from "./sequences.js";
import { isDestructive, successStatus, type CreatedTarget } from "./targets.js";
import type { GeneratedRequest } from "./types.js";
import { verdictFor } from "./verdict.js";

/*
 * Valid requests that change only users the run created, for a fuzz run without
 * --allow-drawn-targets: a drawn `user_id=25` must never archive, delete or update somebody's user 25.
 */

/** A parameter's value read from the user bound as `created`. */
const fromCreated = (pointer: string[]) => `{{ ${CREATED}.${pointer.join(".")} }}`;

/**
 * The drawn request aimed at the created user: each parameter that addresses a user takes the
 * create's answer's value; one the answer holds only when the body sent it is dropped when it did
 * not (a query e-mail). Undefined when a required one cannot be given.
 */
function aimedAt(contract: Contract, operation: Operation, request: CaseRequest, target: CreatedTarget, sent: ReadonlySet<string>): CaseRequest | undefined {
  const routed = contract.match(request.method, request.path);
  if (!routed) return undefined;
  const reachable = (key: string) => !target.whenSent.has(key) || sent.has(target.pointers.get(key)!.join("."));
  let unreachable = false;
  const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const key = `path/${name}`;
    if (!target.pointers.has(key)) return encodeURIComponent(routed.pathParams[name] ?? "");
    if (!reachable(key)) unreachable = true;
    return fromCreated(target.pointers.get(key)!);
  });
  if (unreachable) return undefined;
  const query = Object.entries(request.query ?? {}).flatMap(([name, value]): Array<[string, string]> => {
    const key = `query/${name}`;
    if (!target.pointers.has(key)) return [[name, value]];
    return reachable(key) ? [[name, fromCreated(target.pointers.get(key)!)]] : [];
  });
  const { query: _drawn, ...rest } = request;
  return { ...rest, path, ...(query.length > 0 ? { query: Object.fromEntries(query) } : {}) };
}

/**
 * Valid requests to a destructive operation, each on a user the case creates first: the create
 * (a body unique to the run), then the operation's drawn valid request with every parameter that
 * addresses a user taken from the create's answer. run-case.ts confirms the user is the run's own
 * before that request goes.
 */
export function onCreatedUsers(contract: Contract, operation: Operation, target: CreatedTarget, options: SequenceOptions): fc.Arbitrary<Case> {
  const { root } = target;
  return fc
    .record({ user: newUsers(contract, root, options, `fuzz-${kebab(operation.operationId)}-positive`), generated: options.positive(contract, operation) })
    .map(({ user, generated }) => {
      const request = aimedAt(contract, operation, generated.request, target, user.sent);
      if (!request) return undefined;
      const { expect, checks } = verdictFor(operation, generated);
      return {
        id: `${options.apiName}/fuzz-${kebab(operation.operationId)}-positive-${user.nonce.toString(36)}`,
        title: `Valid request to ${operation.operationId} on a user the run created (${root.operationId} → ${operation.operationId})`,
        source: "generated: a valid request addressed to a user the run created and confirmed as its own",
        operation: operation.operationId,
        tags: ["generated", "destructive", "stateful"],
        file: "(generated on a created user)",
        ...createStep(root, user.body),
        then: [{ title: `${operation.operationId} on the user created`, request, expect, ...(checks.length > 0 ? { checks } : {}) }],
      } satisfies Case;
    })
    .filter((testCase): testCase is NonNullable<typeof testCase> => testCase !== undefined);
}

/**
 * The body properties of a create that name a user: those the API compares to tell its users apart
 * (`identity`) and those the operation's own links read from its answer (`id`, `user_id`, `email`).
 * Empty for an operation that is not a create.
 */
export function identifyingBodyFields(contract: Contract, operation: Operation, identityFields: readonly string[]): Set<string> {
  const schema = operation.requestBody?.content?.["application/json"]?.schema as SchemaObject | undefined;
  if (!schema || operation.method.toLowerCase() === "get" || isDestructive(contract, operation)) return new Set();
  const linked = operationLinks(contract, operation)
    .filter((link) => link.status === successStatus(operation))
    .flatMap((link) => link.parameters.filter(({ pointer }) => pointer.length === 1).map(({ pointer }) => pointer[0]!));
  return new Set([...identityFields, ...linked].filter((name) => declaring(schema, name).length > 0));
}

/**
 * Valid requests to a create, whose values naming a user are made unique to the run: a
 * create-or-update with a drawn `user_id` would otherwise update somebody's user.
 */
export function uniqueCreates(contract: Contract, operation: Operation, identifying: ReadonlySet<string>, options: SequenceOptions): fc.Arbitrary<Case> {
  return fc
    .record({ generated: options.positive(contract, operation), nonce: nonces(`fuzz-${kebab(operation.operationId)}-positive`) })
    .map(({ generated, nonce }) => ({ generated, nonce, request: { ...generated.request, body: uniqueBody(generated.request.body, operation, nonce, identifying) } }))
    .filter(({ request }) => {
      const filled = withStandIns(JSON.stringify(request));
      return filled !== undefined && validateCaseRequest(contract, operation, JSON.parse(filled) as CaseRequest)?.valid === true;
    })
    .map(({ generated, nonce, request }: { generated: GeneratedRequest; nonce: number; request: CaseRequest }) => {
      const { expect, checks } = verdictFor(operation, generated);
      return {
        id: `${options.apiName}/fuzz-${kebab(operation.operationId)}-positive-${nonce.toString(36)}`,
        title: `Valid request to ${operation.operationId}, naming a user unique to the run`,
        source: "generated: a valid create whose identifying values are unique to the run",
        operation: operation.operationId,
        tags: ["generated"],
        file: "(generated create)",
        request,
        expect,
        ...(checks.length > 0 ? { checks } : {}),
      } satisfies Case;
    });
}
