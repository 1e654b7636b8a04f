import type { Contract, Operation } from "../contract/index.js";
import { operationLinks, type OperationLink } from "./links.js";
import { successStatus } from "./targets.js";

// Where lifecycles start and what they check afterwards, read from the contract's links: no
// fast-check here, so that `validate` can report on them without loading the generator.

export const isArchive = (operation: Operation) => operation.extensions["x-archive"] === true;

/** A root's links, at its success, to an archive (`x-archive`) it can start a lifecycle with. */
export function archiveLinksOf(contract: Contract, root: Operation): OperationLink[] {
  return operationLinks(contract, root).filter((link) => isArchive(link.target) && !link.expect && link.status === successStatus(root));
}

/**
 * The operations a sequence can start from: those among `operations` that archive nothing, need
 * no path parameter (no earlier state) and whose success links to an archive (`x-archive`).
 */
export function sequenceRoots(contract: Contract, operations: Operation[]): Operation[] {
  return operations.filter((operation) => !isArchive(operation) && !operation.parameters.some((parameter) => parameter.in === "path") && archiveLinksOf(contract, operation).length > 0);
}

/** The links an archive's success gives to check what an archived user gets (`x-expect`). */
export function followUpsOf(contract: Contract, archive: Operation): OperationLink[] {
  return operationLinks(contract, archive).filter((link) => link.status === successStatus(archive) && link.expect);
}

/**
 * Why a root's lifecycles cannot be generated, or undefined when they can: an archive it links to
 * must itself link to at least one follow-up with `x-expect`, or a lifecycle has nothing to judge.
 */
export function lifecycleProblem(contract: Contract, root: Operation): string | undefined {
  const archives = archiveLinksOf(contract, root);
  if (archives.some((link) => followUpsOf(contract, link.target).length > 0)) return undefined;
  const names = [...new Set(archives.map((link) => link.target.operationId))].join(", ");
  return `no lifecycle to check: the archive it links to (${names}) has no link with x-expect at its ${archives[0] ? successStatus(archives[0].target) : "success"} answer saying what an archived user then gets — add one to the contract`;
}
