import { asciiLowerCase } from "../reference/ascii-case.js";
import { SetupFailed } from "./api.js";
import { requestTarget } from "./request.js";
import { judgeSetup, type StepEnvironment } from "./run-step.js";

/** One `given` the implementation answered a create for. */
export interface CreatedGiven {
  /** The case's name for it (`given.user`). */
  name: string;
  /** The create body as sent, templates filled. */
  sent: Record<string, unknown>;
  /** The create's answer: the user the case will archive, delete or change. */
  created: unknown;
}

/**
 * Refuses a create whose identifying values are not unique to the run, before it is sent: a
 * create-or-update with somebody's user_id would change that user, and its answer would be theirs.
 */
export function assertUniqueToRun(name: string, sent: Record<string, unknown>, runTokens: readonly string[], environment: Pick<StepEnvironment, "api">): void {
  for (const [sentField] of identifyingFields(sent, environment, name)) {
    const value = String(sent[sentField]);
    if (!runTokens.some((token) => value.includes(token))) {
      throw new SetupFailed(`given ${name}: ${sentField} ${JSON.stringify(value)} is not unique to this run, so an existing user could answer for it — template it with {{ run.id }}`);
    }
  }
}

/** The create-body fields that identify the user (body field, answer field), those the body sends; none is an error. */
function identifyingFields(sent: Record<string, unknown>, environment: Pick<StepEnvironment, "api">, name: string): Array<[string, string]> {
  const { fields } = environment.api.identity;
  const identifying = Object.entries(fields).filter(([sentField]) => sent[sentField] !== undefined);
  if (identifying.length === 0) {
    throw new SetupFailed(`given ${name}: the create sends none of ${Object.keys(fields).join(", ")}, so the user it answers cannot be told from anybody else's — send one, templated with {{ run.id }}`);
  }
  return identifying;
}

/**
 * Confirms that a created user is this run's own before a case may archive, delete or change it
 * (issue 14): the create's answer echoes each identifying value sent (unique to the run,
 * `assertUniqueToRun`), and reading the answered id back answers that same user. A buggy or
 * hostile create that answers with somebody else's user fails the case's setup, so nothing
 * destructive reaches it.
 */
export async function confirmCreated(given: CreatedGiven, environment: StepEnvironment): Promise<void> {
  const identifying = identifyingFields(given.sent, environment, given.name);
  const created = asObject(given.created);
  assertEchoes(created, given, identifying, "the create answered");
  const readBack = created && environment.api.identity.read(created);
  if (!readBack) throw new SetupFailed(`given ${given.name}: the create's answer has no id to read the user back by — nothing destructive was sent`);
  const operation = environment.contract.match(readBack.method, readBack.path)?.operation;
  const prepared = await environment.api.prepare(readBack, { ...environment, operation });
  const exchange = "decidedBy" in prepared ? prepared.decidedBy : await environment.send(prepared.request);
  environment.setup.push(judgeSetup(exchange, environment));
  const answered = exchange.response?.status === 200 ? asObject(exchange.response.json) : undefined;
  const where = `reading it back (${readBack.method} ${requestTarget(readBack)})`;
  if (!answered) {
    throw new SetupFailed(`given ${given.name}: ${where} answered ${exchange.response ? exchange.response.status : (exchange.error?.message ?? "nothing")}, not the user the create answered — nothing destructive was sent`);
  }
  assertEchoes(answered, given, identifying, where + " answered");
}

function assertEchoes(user: Record<string, unknown> | undefined, given: CreatedGiven, identifying: Array<[string, string]>, what: string): void {
  for (const [sentField, answerField] of identifying) {
    const sent = given.sent[sentField];
    const answered = user?.[answerField];
    if (!sameIdentifier(answered, sent)) {
      throw new SetupFailed(
        `given ${given.name}: ${what} a user whose ${answerField} is ${answered === undefined ? "absent" : JSON.stringify(answered)}, not the ${JSON.stringify(sent)} this run sent — it may be somebody else's, so nothing destructive was sent`,
      );
    }
  }
}

/**
 * Identifying values compare ASCII case-insensitively: a vendor may store e-mails lower-cased, and
 * what makes them the run's own (the run's id or number) has no case. Types compare strictly.
 */
export function sameIdentifier(answered: unknown, sent: unknown): boolean {
  return typeof answered === "string" && typeof sent === "string" ? asciiLowerCase(answered) === asciiLowerCase(sent) : answered === sent;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
