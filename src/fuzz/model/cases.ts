import fc from "fast-check";
import type { Contract, Operation } from "../../contract/index.js";
import type { Case } from "../../conformance/types.js";
import { newUsers, validCreateBody, type NewUser, type SequenceOptions } from "../sequences.js";
import type { ModelCommand, ModelStep, ModelUser, UserModel } from "./types.js";

/** Users one sequence creates at most, and the commands it draws at most after the first create. */
const MAX_USERS = 3;
const MAX_COMMANDS = 16;

/** The check that owns the status verdict of a model step that names no checks of its own. */
export const MODEL_CHECK = "documented-state";

/** The checks that judge a model step: its own, else documented-state where the model fixes the status (status-code judges a "documented" one). */
export function stepChecks(step: Pick<ModelStep, "expect" | "checks">): string[] {
  return step.checks ?? (step.expect.status === "documented" || step.expect.status === undefined ? [] : [MODEL_CHECK]);
}

interface Draw {
  command: number;
  user: number;
}

/** The create a model's first step sends, and whether the model can run on these operations. */
export function modelRoot(contract: Contract, model: UserModel): Operation {
  const root = contract.byId(model.create);
  if (!root) throw new Error(`the model creates users with ${model.create}, which the contract lacks`);
  return root;
}

/**
 * Sequences of a model's commands over several users, as cases: the first step creates a user,
 * each later one creates another (a fresh one, or one whose identifiers extend an earlier one's),
 * or sends a command to one of the users in a state it addresses. Each step expects what the model
 * says. A shorter sequence is a shrink of a longer one (fast-check drops draws), so a failure
 * shrinks to the fewest steps that still fail.
 */
export function modelCases(contract: Contract, model: UserModel, commands: readonly ModelCommand[], options: Pick<SequenceOptions, "apiName" | "positive">, name: string): fc.Arbitrary<Case> {
  const root = modelRoot(contract, model);
  const bodies = fc.uniqueArray(newUsers(contract, root, options, name), { minLength: MAX_USERS, maxLength: MAX_USERS, selector: (user) => user.nonce });
  const draws = fc.array(fc.record({ command: fc.nat(), user: fc.nat() }), { minLength: 1, maxLength: MAX_COMMANDS });
  return fc.tuple(fc.noShrink(bodies), draws).map(([users, drawn]) => modelCase(contract, model, commands, users, drawn, `${options.apiName}/${name}-${users[0]!.nonce.toString(36)}`));
}

/** The case a sequence of draws comes to: draws that address no user in a state the command takes are passed over. */
function modelCase(contract: Contract, model: UserModel, commands: readonly ModelCommand[], bodies: NewUser[], draws: Draw[], id: string): Case {
  const root = modelRoot(contract, model);
  const users: ModelUser[] = [];
  const retired = new Set<ModelUser>();
  const steps: Array<ModelStep & { title: string }> = [];
  const create = (body: Record<string, unknown>, title: string) => {
    const user = { name: `user${users.length + 1}`, body };
    const { state, ...outcome } = model.created(user);
    users.push({ ...user, state });
    const request = { method: root.method.toUpperCase(), path: root.pathTemplate, body };
    steps.push({ title: `${title} ${user.name}`, request, ...outcome, expect: { ...outcome.expect, bind: user.name } });
  };
  create(bodies[0]!.body, "create");
  const live = () => users.filter((user) => !retired.has(user));
  for (const draw of draws) {
    const choice = draw.command % (commands.length + 1 + NEIGHBOURS.length);
    if (choice === 0 && users.length < bodies.length) create(bodies[users.length]!.body, "create");
    const neighbour = NEIGHBOURS[choice - 1];
    if (neighbour && users.length < bodies.length) {
      const parent = users[draw.user % users.length]!;
      const body = neighbourBody(parent.body, neighbour.edit);
      // Cutting what was extended gives back a user the sequence has: that would be a re-create, not a new user.
      const taken = new Set(users.flatMap((user) => Object.values(user.body).filter((value) => typeof value === "string")));
      const fresh = Object.values(body).every((value) => typeof value !== "string" || !value.includes("{{ run.") || !taken.has(value));
      if (fresh && validCreateBody(contract, root, body)) create(body, `create, its identifiers ${neighbour.name} ${parent.name}'s,`);
    }
    const command = commands[choice - 1 - NEIGHBOURS.length];
    if (!command) continue;
    const candidates = live().filter((user) => command.from.includes(user.state) && (command.applies?.(user) ?? true));
    const user = candidates[draw.user % Math.max(candidates.length, 1)];
    if (!user) continue;
    const { state, ...step } = command.step(user);
    steps.push({ title: `${command.name} ${user.name} (${user.state})`, ...step });
    if (state === undefined) retired.add(user);
    else user.state = state;
  }
  const [first, ...then] = steps.map(({ title, request, expect, checks }) => ({ title, request, expect, checks: stepChecks({ expect, checks }) }));
  return {
    id,
    title: `Generated model sequence: ${steps.map((step) => step.title).join(" → ")}`,
    source: "generated from the API's model of its documents (fuzz.model)",
    operation: model.create,
    tags: ["generated", "destructive", "stateful", "model"],
    file: "(generated from the API's model)",
    request: first!.request,
    expect: first!.expect,
    checks: first!.checks,
    then,
  };
}

/**
 * New users whose identifying texts are an earlier user's with one character more (`…25` → `…257`,
 * an e-mail's local part `…joe` → `…joe7`) or one less (`…25` → `…2`, a code point, never half of one): a lookup that matches a
 * prefix, or ignores the end, meets the wrong user whichever was created first.
 */
const NEIGHBOURS: ReadonlyArray<{ name: string; edit: (value: string) => string }> = [
  { name: "extending", edit: (value) => withLocalPart(value, (local) => `${local}7`) },
  { name: "cutting", edit: (value) => withLocalPart(value, (local) => (local.endsWith("}}") ? `${local}7` : Array.from(local).slice(0, -1).join(""))) },
];

/** The texts made unique to the run (they hold a run template) edited; the rest as sent. */
function neighbourBody(body: Record<string, unknown>, edit: (value: string) => string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, typeof value === "string" && value.includes("{{ run.") ? edit(value) : value]));
}

/** An e-mail's local part edited, its domain kept; any other text edited whole. */
function withLocalPart(value: string, edit: (local: string) => string): string {
  const at = value.lastIndexOf("@");
  return at > 0 ? `${edit(value.slice(0, at))}${value.slice(at)}` : edit(value);
}
