import type { Operation } from "../contract/index.js";
import { findResponse } from "../contract/index.js";

/** The statuses an operation documents, as written ("200", "4XX", "default"). */
export function documentedStatuses(operation: Operation): string[] {
  return Object.keys(operation.responses);
}

export function isDocumented(operation: Operation, status: number): boolean {
  return findResponse(operation, status) !== undefined;
}
