import fc from "fast-check";
import type { Contract, Operation } from "../contract/index.js";
import type { Case } from "../conformance/types.js";
import type { CaseProperty, CasePropertyOptions } from "./case-property.js";
import { archiveLinksOf, followUpsOf, sequenceRoots } from "./lifecycle-roots.js";
import type { OperationLink } from "./links.js";
import { CREATED, createStep, kebab, linkedRequest, newUsers, usableBy } from "./sequences.js";
import { isSigned } from "./tamper.js";
import { isDestructive } from "./targets.js";

/** Copies of one request that race: enough to meet on a server that serves requests in parallel, few enough for any server. */
const COPIES = 4;

const statusesOf = (link: OperationLink): number[] => {
  const status = link.expect?.status;
  return typeof status === "number" ? [status] : Array.isArray(status) ? status : [];
};

/** Whether the documents make a second archive of the user fail: the archive's own `x-expect` link back to itself expects no success. */
function oneArchiveWins(contract: Contract, archive: Operation): boolean {
  const again = followUpsOf(contract, archive).filter((link) => link.target === archive);
  return again.length > 0 && again.every((link) => statusesOf(link).length > 0 && statusesOf(link).every((status) => status >= 300));
}

/**
 * Races the documents make single, as case properties: each root create's user archived by
 * `COPIES` requests at once, where the archive's `x-expect` link to itself says a second archive
 * fails (one archive wins); and, where the plugin declares a replay refusal, each selected signed
 * request that changes nobody's state sent `COPIES` times with one user action token (a token
 * works once). At most one copy may succeed; each gets a documented answer (a loser may be
 * refused for another documented reason: a rate limit, a full plan).
 */
export function raceProperties(contract: Contract, operations: Operation[], options: CasePropertyOptions): CaseProperty[] {
  const archives = sequenceRoots(contract, operations).flatMap((root) => {
    const links = archiveLinksOf(contract, root).filter((link) => oneArchiveWins(contract, link.target));
    if (links.length === 0) return [];
    const name = `fuzz-race-archive-${kebab(root.operationId)}`;
    const arbitrary = newUsers(contract, root, options, name).chain(({ body, nonce, sent }) => {
      const usable = links.filter(usableBy(sent));
      return usable.length === 0 ? fc.constant(undefined) : fc.constantFrom(...usable).map((link) => archiveRace(root, body, link, `${options.apiName}/${name}-${nonce.toString(36)}`));
    });
    return [{ name, operation: root, label: `${COPIES} archives of one user at once`, arbitrary: arbitrary.filter((testCase): testCase is Case => testCase !== undefined) }];
  });
  return [...archives, ...tokenRaces(contract, operations, options)];
}

function archiveRace(root: Operation, body: Record<string, unknown>, link: OperationLink, id: string): Case {
  const archive = link.target;
  return {
    id,
    title: `Generated race: ${root.operationId} → ${COPIES} × ${archive.operationId} at once`,
    source: "generated: one archive wins (the archive's x-expect link to itself)",
    operation: archive.operationId,
    tags: ["generated", "destructive", "race"],
    file: "(generated race)",
    ...createStep(root, body),
    then: [
      {
        title: `${archive.operationId} (linked ${link.name}), ${COPIES} at once`,
        request: { ...linkedRequest(link, CREATED), race: { copies: COPIES } },
        expect: { status: "documented" },
      },
    ],
  };
}

/** One user action token presented by `COPIES` copies of a signed request at once, where a replay has a documented refusal. */
function tokenRaces(contract: Contract, operations: Operation[], options: CasePropertyOptions): CaseProperty[] {
  const replay = Object.values(options.tamperings).find((rule) => rule.replay);
  if (!replay) return [];
  const roots = new Set(sequenceRoots(contract, operations));
  return operations
    .filter((operation) => isSigned(operation) && !isDestructive(contract, operation))
    .map((operation) => {
      const name = `fuzz-race-token-${kebab(operation.operationId)}`;
      // A create's body made unique to the run: the copies meet over one token, never over an existing user.
      const requests = roots.has(operation)
        ? newUsers(contract, operation, options, name).map(({ body, nonce }) => ({ request: createStep(operation, body).request, nonce }))
        : fc.record({ request: options.positive(contract, operation).map((generated) => generated.request), nonce: fc.nat() });
      const arbitrary = requests.map(({ request, nonce }): Case => ({
        id: `${options.apiName}/${name}-${nonce.toString(36)}`,
        title: `Generated race: ${operation.operationId}, one user action token presented ${COPIES} times at once`,
        source: "generated: a user action token works once (the plugin's replay refusal)",
        operation: operation.operationId,
        tags: ["generated", "user-action", "race"],
        file: "(generated race)",
        request: { ...request, race: { copies: COPIES, sameRequest: true } },
        expect: { status: "documented" },
      }));
      return { name, operation, label: `one user action token presented ${COPIES} times at once`, arbitrary };
    });
}
