import fc from "fast-check";
import { validateRequest, type Contract, type Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { Case, CaseRequest, Expect } from "../conformance/types.js";
import { alwaysPresent, operationLinks, type OperationLink } from "./links.js";
import { followUpsOf, isArchive, sequenceRoots } from "./lifecycle-roots.js";
import { uniqueBody, withStandIns } from "./sequence-body.js";
import { successStatus } from "./targets.js";
import type { GeneratedRequest } from "./types.js";

export interface SequenceOptions {
  /** Names the cases: `<apiName>/fuzz-sequence-<root>-<nonce>`. */
  apiName: string;
  /** Positive requests of an operation, valid by the contract: the create's body is drawn from them. */
  positive(contract: Contract, operation: Operation): fc.Arbitrary<GeneratedRequest>;
}

export const CREATED = "created";
const ARCHIVED = "archived";

/**
 * Generated lifecycle cases along the contract's links: create (a positive body, its identifiers
 * made unique to the run), maybe a linked read, an archive, then the archive's own links — each
 * expecting what its link's `x-expect` says an archived user gets, judged by
 * `archived-stays-archived`. Cases, so the runner runs them and a failure saves as a case file.
 */
export function sequenceCases(contract: Contract, operations: Operation[], options: SequenceOptions): fc.Arbitrary<Case> {
  const roots = sequenceRoots(contract, operations);
  if (roots.length === 0) throw new Error(`no operation of ${options.apiName} links to an archive: nothing to sequence`);
  return fc.oneof(...roots.map((root) => rootSequences(contract, root, options)));
}

/** A user to create: the create's body, valid and unique to the run and the example, and the example's nonce. */
export interface NewUser {
  body: Record<string, unknown>;
  nonce: number;
  /** The top-level body properties it sends a value for: the answer's fields a link may read when not always present. */
  sent: Set<string>;
}

/** FNV-1a: a property's name as a 31-bit offset. */
function offsetOf(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of name) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash % 2 ** 31;
}

/**
 * Each example's nonce, which makes the users it creates unique. Unbiased: a small nonce would
 * repeat between examples. Offset by the property's name: properties drawn with one seed draw the
 * same numbers, and the cases they save replay in one run (one `run.id`), where they must not meet.
 */
export function nonces(property: string): fc.Arbitrary<number> {
  const offset = offsetOf(property);
  return fc.noShrink(fc.noBias(fc.nat())).map((n) => (n + offset) % 2 ** 31);
}

/**
 * Bodies of the root create, from its positive requests, made unique (`uniqueBody`; all free
 * texts, or those `only` names) and valid once the run's templates are filled. Never shrunk:
 * a failure is in the steps that follow, and each shrink replays a whole case.
 */
export function newUsers(contract: Contract, root: Operation, options: Pick<SequenceOptions, "positive">, property: string): fc.Arbitrary<NewUser> {
  return fc
    .record({ body: fc.noShrink(options.positive(contract, root).map((generated) => generated.request.body)), nonce: nonces(property) })
    .map(({ body, nonce }) => ({ body: uniqueBody(body, root, nonce), nonce }))
    .filter((drawn): drawn is { body: Record<string, unknown>; nonce: number } => drawn.body !== undefined && validCreateBody(contract, root, drawn.body))
    .map(({ body, nonce }) => ({ body, nonce, sent: new Set(Object.entries(body).filter(([, value]) => value !== null).map(([name]) => name)) }));
}

function rootSequences(contract: Contract, root: Operation, options: SequenceOptions): fc.Arbitrary<Case> {
  const links = operationLinks(contract, root).filter((link) => link.status === successStatus(root));
  const name = `fuzz-sequence-${kebab(root.operationId)}`;
  return newUsers(contract, root, options, name)
    .chain(({ body, nonce, sent }) => {
      const usable = usableBy(sent);
      // Only archives with something to check afterwards (lifecycleProblem keeps roots with none out).
      const archives = links.filter((link) => isArchive(link.target) && usable(link) && followUpsOf(contract, link.target).some(usable));
      const reads = links.filter((link) => !isArchive(link.target) && !link.expect && usable(link));
      return fc
        .record({
          read: reads.length > 0 ? fc.option(fc.constantFrom(...reads), { nil: undefined }) : fc.constant(undefined),
          archive: fc.constantFrom(...archives),
        })
        .chain(({ read, archive }) => {
          const after = followUpsOf(contract, archive.target).filter(usable);
          return fc.shuffledSubarray(after, { minLength: 1 }).map((followUps) => lifecycleCase({ root, body, read, archive, followUps }, `${options.apiName}/${name}-${nonce.toString(36)}`));
        });
    });
}

/**
 * Whether a link can be followed from an answer to a create that sent these body properties: a
 * value from the request the lifecycle sent is always there; one from the answer only where the
 * schema or the body guarantees it.
 */
export const usableBy = (sent: ReadonlySet<string>) => (link: OperationLink) => {
  const schema = responseSchema(link);
  return link.parameters.every((p) => p.request !== undefined || p.header?.required === true || (p.header === undefined && ((schema !== undefined && alwaysPresent(schema, p.pointer)) || (p.pointer.length === 1 && sent.has(p.pointer[0]!)))));
};

function responseSchema(link: OperationLink): SchemaObject | undefined {
  return link.source.responses[link.status]?.content?.["application/json"]?.schema as SchemaObject | undefined;
}

/** Whether the create body is valid once the run's templates are filled (with stand-ins of their length). */
export function validCreateBody(contract: Contract, root: Operation, body: Record<string, unknown>): boolean {
  const filled = withStandIns(JSON.stringify(body));
  if (filled === undefined) return false;
  const result = validateRequest(contract, root, { pathParams: {}, query: new URLSearchParams(), headers: {}, rawBody: filled, contentType: "application/json" });
  return result.valid;
}

/** The create step of a generated case: any documented answer, bound as `created` (a refusal leaves nothing to archive). */
export function createStep(root: Operation, body: Record<string, unknown>): Pick<Case, "request" | "expect"> {
  return { request: { method: root.method.toUpperCase(), path: root.pathTemplate, body }, expect: { status: "documented", bind: CREATED } };
}

/** The name a bound answer's headers go by (lower-cased names): `created` → `created-headers`. */
export const headersOf = (bind: string) => `${bind}-headers`;

/** What a link sets each target parameter to: a template of the response bound as `from`, or the value the source's request sent (`sent`, by "in.name"). */
function linkValues(link: OperationLink, from: string, sent: Record<string, string> = {}): Array<{ parameter: OperationLink["parameters"][number]["parameter"]; value: string }> {
  return link.parameters.map(({ parameter, pointer, request, header }) => ({
    parameter,
    value: request ? (sent[`${request.in}.${request.name.toLowerCase()}`] ?? "") : header ? `{{ ${headersOf(from)}.${header.name} }}` : `{{ ${from}.${pointer.join(".")} }}`,
  }));
}

/** The request a link makes, its parameters read from the response bound as `from` (or, for `$request.…`, from `sent`: the source request's values). */
export function linkedRequest(link: OperationLink, from: string, sent?: Record<string, string>): CaseRequest {
  let path = link.target.pathTemplate;
  const query: Record<string, string> = {};
  for (const { parameter, value } of linkValues(link, from, sent)) {
    if (parameter.in === "path") path = path.replace(`{${parameter.name}}`, value);
    if (parameter.in === "query") query[parameter.name] = value;
  }
  return { method: link.target.method.toUpperCase(), path, ...(Object.keys(query).length > 0 ? { query } : {}) };
}

/** The values a link's request sends, by "in.name" (lower-cased): what a `$request.…` expression of the target's own links reads. */
function sentValues(link: OperationLink, from: string): Record<string, string> {
  return Object.fromEntries(linkValues(link, from).map(({ parameter, value }) => [`${parameter.in}.${parameter.name.toLowerCase()}`, value]));
}

/** Values a linked request's answer must echo: each top-level property the link read that the target's answer declares too. */
function echoed(link: OperationLink, from: string, status: string): Record<string, string> | undefined {
  const schema = link.target.responses[status]?.content?.["application/json"]?.schema as SchemaObject | undefined;
  const names = link.parameters.filter((p) => p.pointer.length === 1 && (schema?.properties ?? {})[p.pointer[0]!]).map((p) => p.pointer[0]!);
  return names.length > 0 ? Object.fromEntries(names.map((name) => [name, `{{ ${from}.${name} }}`])) : undefined;
}

function liveExpect(link: OperationLink, bind?: string): Expect {
  const status = successStatus(link.target);
  const values = echoed(link, CREATED, status);
  return { status: Number(status), ...(values ? { values } : {}), ...(bind ? { bind } : {}) };
}

interface Walk {
  root: Operation;
  body: Record<string, unknown>;
  read: OperationLink | undefined;
  archive: OperationLink;
  followUps: OperationLink[];
}

function lifecycleCase({ root, body, read, archive, followUps }: Walk, id: string): Case {
  const chain = [root, ...(read ? [read.target] : []), archive.target, ...followUps.map((link) => link.target)].map((operation) => operation.operationId);
  return {
    id,
    title: `Generated sequence: ${chain.join(" → ")}`,
    source: "generated along the contract's links (x-expect: the lifecycle rules)",
    operation: archive.target.operationId,
    tags: ["generated", "destructive", "stateful"],
    file: "(generated from the contract's links)",
    ...createStep(root, body),
    then: [
      ...(read ? [{ title: `${read.target.operationId} (linked ${read.name})`, request: linkedRequest(read, CREATED), expect: liveExpect(read) }] : []),
      { title: `${archive.target.operationId} (linked ${archive.name})`, request: linkedRequest(archive, CREATED), expect: liveExpect(archive, ARCHIVED) },
      ...followUps.map((link) => ({
        title: `${link.target.operationId} after the archive (linked ${link.name})`,
        request: linkedRequest(link, ARCHIVED, sentValues(archive, CREATED)),
        expect: link.expect!,
        checks: ["archived-stays-archived"],
      })),
    ],
  };
}

/** "archiveUserByQuery" → "archive-user-by-query", "additionalProperties" → "additional-properties": case ids and file names take only [a-z0-9-]. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").replace(/[^a-zA-Z0-9]+/g, "-").toLowerCase();
}
