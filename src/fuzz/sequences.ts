import fc from "fast-check";
import { validateRequest, type Contract, type Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { Case, CaseRequest, Expect } from "../conformance/types.js";
import { alwaysPresent, operationLinks, type OperationLink } from "./links.js";
import { uniqueBody } from "./sequence-body.js";
import type { GeneratedRequest } from "./types.js";

export interface SequenceOptions {
  /** Names the cases: `<apiName>/fuzz-sequence-<root>-<nonce>`. */
  apiName: string;
  /** Positive requests of an operation, valid by the contract: the create's body is drawn from them. */
  positive(contract: Contract, operation: Operation): fc.Arbitrary<GeneratedRequest>;
}

const CREATED = "created";
const ARCHIVED = "archived";

const isArchive = (operation: Operation) => operation.extensions["x-archive"] === true;

const isSuccess = (status: string) => /^2\d\d$/.test(status);

/** The status an operation answers a request that succeeds with: its first documented 2xx. */
const successStatus = (operation: Operation) => Object.keys(operation.responses).filter(isSuccess).sort()[0] ?? "200";

/**
 * The operations a sequence can start from: those among `operations` that archive nothing, need
 * no path parameter (no earlier state) and whose success links to an archive (`x-archive`).
 */
export function sequenceRoots(contract: Contract, operations: Operation[]): Operation[] {
  return operations.filter(
    (operation) =>
      !isArchive(operation) &&
      !operation.parameters.some((parameter) => parameter.in === "path") &&
      operationLinks(contract, operation).some((link) => isArchive(link.target) && !link.expect && link.status === successStatus(operation)),
  );
}

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

function rootSequences(contract: Contract, root: Operation, options: SequenceOptions): fc.Arbitrary<Case> {
  const links = operationLinks(contract, root).filter((link) => link.status === successStatus(root));
  return fc
    .record({
      // Shrinking goes to the walk (fewer steps), not the body: a lifecycle failure is in the steps,
      // and each shrink replays a whole sequence.
      body: fc.noShrink(options.positive(contract, root).map((generated) => generated.request.body)),
      // Unbiased: a small nonce would repeat between examples, and so would the users they create.
      nonce: fc.noShrink(fc.noBias(fc.nat())).map((n) => n.toString(36)),
    })
    .map(({ body, nonce }) => ({ body: uniqueBody(body, root, nonce), nonce }))
    .filter((drawn): drawn is { body: Record<string, unknown>; nonce: string } => drawn.body !== undefined && validCreateBody(contract, root, drawn.body))
    .chain(({ body, nonce }) => {
      const sent = new Set(Object.entries(body).filter(([, value]) => value !== null).map(([name]) => name));
      const usable = (link: OperationLink) => link.parameters.every((p) => alwaysPresent(responseSchema(link)!, p.pointer) || (p.pointer.length === 1 && sent.has(p.pointer[0]!)));
      const archives = links.filter((link) => isArchive(link.target) && usable(link));
      const reads = links.filter((link) => !isArchive(link.target) && !link.expect && usable(link));
      return fc
        .record({
          read: reads.length > 0 ? fc.option(fc.constantFrom(...reads), { nil: undefined }) : fc.constant(undefined),
          archive: fc.constantFrom(...archives),
        })
        .chain(({ read, archive }) => {
          const after = operationLinks(contract, archive.target).filter((link) => link.status === successStatus(archive.target) && link.expect && usable(link));
          return fc.shuffledSubarray(after, { minLength: 1 }).map((followUps) => lifecycleCase({ root, body, read, archive, followUps }, `${options.apiName}/fuzz-sequence-${kebab(root.operationId)}-${nonce}`));
        });
    });
}

function responseSchema(link: OperationLink): SchemaObject | undefined {
  return link.source.responses[link.status]?.content?.["application/json"]?.schema as SchemaObject | undefined;
}

/** Whether the create body is valid once `{{ run.id }}` is filled (with a stand-in of its length). */
function validCreateBody(contract: Contract, root: Operation, body: Record<string, unknown>): boolean {
  const text = JSON.stringify(body);
  const filled = text.replace(/\{\{ run\.id \}\}/g, "00000000");
  if (/\{\{/.test(filled)) return false; // a generated value that reads as a template
  const result = validateRequest(contract, root, { pathParams: {}, query: new URLSearchParams(), headers: {}, rawBody: filled, contentType: "application/json" });
  return result.valid;
}

/** The request a link makes, its parameters read from the response bound as `from`. */
function linkedRequest(link: OperationLink, from: string): CaseRequest {
  const template = (pointer: string[]) => `{{ ${from}.${pointer.join(".")} }}`;
  let path = link.target.pathTemplate;
  const query: Record<string, string> = {};
  for (const { parameter, pointer } of link.parameters) {
    if (parameter.in === "path") path = path.replace(`{${parameter.name}}`, template(pointer));
    if (parameter.in === "query") query[parameter.name] = template(pointer);
  }
  return { method: link.target.method.toUpperCase(), path, ...(Object.keys(query).length > 0 ? { query } : {}) };
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
    request: { method: root.method.toUpperCase(), path: root.pathTemplate, body },
    // Any documented answer: a create the server refuses as documented leaves nothing to archive (the case skips).
    expect: { status: "documented", bind: CREATED },
    then: [
      ...(read ? [{ title: `${read.target.operationId} (linked ${read.name})`, request: linkedRequest(read, CREATED), expect: liveExpect(read) }] : []),
      { title: `${archive.target.operationId} (linked ${archive.name})`, request: linkedRequest(archive, CREATED), expect: liveExpect(archive, ARCHIVED) },
      ...followUps.map((link) => ({
        title: `${link.target.operationId} after the archive (linked ${link.name})`,
        request: linkedRequest(link, ARCHIVED),
        expect: link.expect!,
        checks: ["archived-stays-archived"],
      })),
    ],
  };
}

/** "createUser" → "create-user", for case ids and file names. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}
