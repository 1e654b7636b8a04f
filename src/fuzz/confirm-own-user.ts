import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import { SetupFailed } from "../conformance/api.js";
import { sameIdentifier } from "../conformance/confirm-created.js";
import { runStep, type StepEnvironment } from "../conformance/run-step.js";
import { alwaysPresent, declares, operationLinks, type OperationLink } from "./links.js";
import { linkedRequest } from "./sequences.js";
import { isDestructive, successStatus } from "./targets.js";

/** The create's read link: a read of the user it created by the id its answer gives (`viewUserById`, `getUser`). */
function readLink(contract: Contract, root: Operation): OperationLink | undefined {
  const schema = root.responses[successStatus(root)]?.content?.["application/json"]?.schema as SchemaObject | undefined;
  return operationLinks(contract, root).find(
    (link) => link.status === successStatus(root) && !link.expect && !isDestructive(contract, link.target) && link.parameters.length > 0 && link.parameters.every((p) => schema !== undefined && alwaysPresent(schema, p.pointer)),
  );
}

/** The value at a pointer into a JSON value, if there is one. */
function at(value: unknown, pointer: string[]): unknown {
  return pointer.reduce<unknown>((inner, key) => (inner !== null && typeof inner === "object" ? (inner as Record<string, unknown>)[key] : undefined), value);
}

const shown = (value: unknown) => (value === undefined ? "absent" : JSON.stringify(value));

/**
 * Confirms that the user a generated case's create answered (bound as `bind`) is the run's own,
 * before a later step archives, deletes or changes it — what `verify` confirms of a created given
 * (confirm-created.ts), found along the contract's links: where the create's answer holds the
 * user, it carries each identifying value the run sent (unique to the run); and reading the
 * user by the id it answered (the create's read link) answers a user carrying them too.
 * Otherwise SetupFailed: nothing destructive is sent.
 */
export async function confirmOwnUser(root: Operation, bind: string, sent: Record<string, unknown>, environment: StepEnvironment): Promise<void> {
  const { contract, api, variables, setup } = environment;
  const fields = Object.entries(api.identity.fields).filter(([sentField]) => sent[sentField] !== undefined);
  const read = readLink(contract, root);
  if (fields.length === 0 || !read) {
    throw new SetupFailed(`${root.operationId} sent none of ${Object.keys(api.identity.fields).join(", ")}, or its answer links to no read of the user — the user it made cannot be told from anybody else's, so nothing destructive was sent`);
  }
  // The create's answer holds the user where the read link's id is (the whole answer, or `user` of a registration challenge).
  const userPointer = read.parameters[0]!.pointer.slice(0, -1);
  const schema = root.responses[successStatus(root)]?.content?.["application/json"]?.schema as SchemaObject;
  for (const [sentField, answerField] of fields) {
    if (!declares(schema, [...userPointer, answerField])) continue;
    const answered = at(variables[bind], [...userPointer, answerField]);
    if (!sameIdentifier(answered, sent[sentField])) {
      throw new SetupFailed(`the create answered a user whose ${answerField} is ${shown(answered)}, not the ${shown(sent[sentField])} this run sent — it may be somebody else's, so nothing destructive was sent`);
    }
  }
  const step = await runStep({ title: `setup: confirm the user is this run's own (${read.target.operationId})`, request: linkedRequest(read, bind), expect: { status: Number(successStatus(read.target)) }, checks: [] }, environment);
  setup.push(step);
  const user = step.exchange.response?.status === Number(successStatus(read.target)) ? step.exchange.response.json : undefined;
  const where = `reading it back (${step.exchange.request.method} ${step.exchange.request.target})`;
  if (user === undefined) throw new SetupFailed(`${where} answered ${step.exchange.response?.status ?? step.exchange.error?.message ?? "nothing"}, not the user the create answered — nothing destructive was sent`);
  for (const [sentField, answerField] of fields) {
    const answered = at(user, [answerField]);
    if (!sameIdentifier(answered, sent[sentField])) {
      throw new SetupFailed(`${where} answered a user whose ${answerField} is ${shown(answered)}, not the ${shown(sent[sentField])} this run sent — it may be somebody else's, so nothing destructive was sent`);
    }
  }
}
