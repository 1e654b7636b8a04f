import type { Contract, Operation } from "../contract/index.js";
import type { StepResult } from "../conformance/types.js";
import { operationLinks } from "./links.js";

/** [covered, of all]: the operations a run reached, the documented statuses they answered, the links its cases followed. */
export interface Coverage {
  operations: [number, number];
  statuses: [number, number];
  links: [number, number];
}

/** A generated step's title names the link it followed: "getUser (linked get)". */
const LINKED = / \(linked ([^)]+)\)/;

/**
 * Counts what a fuzz run's judged exchanges reached, of the selected operations: each one
 * answered at all, each explicitly documented status (`"404"`, not `4XX`) it answered with, and
 * each link (name and target) a generated step followed.
 */
export function coverageTally(contract: Contract, operations: Operation[]): { see(result: StepResult): void; covered(): Coverage } {
  const selected = new Set(operations.map((operation) => operation.operationId));
  const documented = new Set(operations.flatMap((operation) => Object.keys(operation.responses).filter((status) => /^\d{3}$/.test(status)).map((status) => `${operation.operationId} ${status}`)));
  const links = new Set(operations.flatMap((operation) => operationLinks(contract, operation).map((link) => `${link.name} → ${link.target.operationId}`)));
  const reached = new Set<string>();
  const answered = new Set<string>();
  const followed = new Set<string>();
  return {
    see(result) {
      const { operationId } = result;
      if (!operationId || !selected.has(operationId)) return;
      reached.add(operationId);
      const status = result.exchange.response?.status;
      if (status !== undefined && documented.has(`${operationId} ${status}`)) answered.add(`${operationId} ${status}`);
      const link = LINKED.exec(result.title)?.[1];
      if (link && links.has(`${link} → ${operationId}`)) followed.add(`${link} → ${operationId}`);
    },
    covered: () => ({ operations: [reached.size, selected.size], statuses: [answered.size, documented.size], links: [followed.size, links.size] }),
  };
}
