import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import { isPermanentDelete } from "./failure-case.js";
import { alwaysPresent, operationLinks } from "./links.js";

/** Methods that only read: whatever they address, nothing changes. */
const SAFE_METHODS = new Set(["get", "head", "options"]);

const isSuccess = (status: string) => /^2\d\d$/.test(status);

/** The status an operation answers a request that succeeds with: its first documented 2xx. */
export const successStatus = (operation: Operation) => Object.keys(operation.responses).filter(isSuccess).sort()[0] ?? "200";

/** `path/id`, `query/user_id`: how a parameter is told from the others, whatever operation it belongs to. */
const keyOf = (parameter: { in: string; name: string }) => `${parameter.in}/${parameter.name}`;

/**
 * The parameters that address a user: those the contract's links fill from a user's answer
 * (`$response.body#/id`, `#/user_id`, `#/userId`), in whichever operation they appear.
 */
function identifierKeys(contract: Contract): Set<string> {
  return new Set(contract.operations.flatMap((operation) => operationLinks(contract, operation).flatMap((link) => link.parameters.map(({ parameter }) => keyOf(parameter)))));
}

/**
 * Whether a request to the operation changes something it addresses: it archives (`x-archive`),
 * deletes for good (`x-permanent-delete`), or is not a read and takes a path parameter or a
 * parameter that addresses a user (a deactivation, an activation). A contract without links still
 * names its resources in paths. Creates address nobody: they are not destructive.
 */
export function isDestructive(contract: Contract, operation: Operation): boolean {
  if (operation.extensions["x-archive"] === true || isPermanentDelete(operation)) return true;
  if (SAFE_METHODS.has(operation.method.toLowerCase())) return false;
  const identifiers = identifierKeys(contract);
  return operation.parameters.some((parameter) => parameter.in === "path" || identifiers.has(keyOf(parameter)));
}

/** A create whose answer gives every value the operation needs to address the user it created. */
export interface CreatedTarget {
  /** The create (a sequence root: it links to an archive). */
  root: Operation;
  /** Each identifier parameter of the operation (`path/id`) → where the create's answer holds its value. */
  pointers: Map<string, string[]>;
  /** Identifier parameters whose value the create's answer holds only when the body sent it (an e-mail). */
  whenSent: Set<string>;
}

/**
 * How to point the operation at a user a create made: the first of `roots` whose success links fill
 * a parameter of the same place and name as each required identifier parameter of the operation.
 * Undefined when none can (an identifier in the body, as a permanent delete's): such an operation's
 * valid requests can only go to drawn users.
 */
export function createdTarget(contract: Contract, operation: Operation, roots: Operation[]): CreatedTarget | undefined {
  const identifiers = identifierKeys(contract);
  const own = operation.parameters.filter((parameter) => identifiers.has(keyOf(parameter)));
  if (own.length === 0) return undefined;
  for (const root of roots) {
    const schema = root.responses[successStatus(root)]?.content?.["application/json"]?.schema as SchemaObject | undefined;
    const filled = new Map<string, string[]>();
    for (const link of operationLinks(contract, root)) {
      if (link.status !== successStatus(root)) continue;
      for (const { parameter, pointer } of link.parameters) if (!filled.has(keyOf(parameter))) filled.set(keyOf(parameter), pointer);
    }
    if (!schema || !own.every((parameter) => filled.has(keyOf(parameter)) || !parameter.required)) continue;
    const pointers = new Map(own.filter((parameter) => filled.has(keyOf(parameter))).map((parameter) => [keyOf(parameter), filled.get(keyOf(parameter))!] as const));
    const whenSent = new Set([...pointers].filter(([, pointer]) => !alwaysPresent(schema, pointer)).map(([key]) => key));
    return { root, pointers, whenSent };
  }
  return undefined;
}
