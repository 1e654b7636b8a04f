import type { CreatedIdentity } from "../conformance/api.js";
import { requestTarget } from "../conformance/request.js";
import { fill, MissingVariableError, templatedPointers, type Variables } from "../conformance/template.js";
import type { CaseRequest, Expect } from "../conformance/types.js";
import { stepChecks } from "../fuzz/model/cases.js";
import type { ModelUser, UserModel } from "../fuzz/model/types.js";

/** A request as the tracker compares it with what a model command would send. */
export interface TrackedRequest {
  method: string;
  operationId: string | undefined;
  path: string;
  query: URLSearchParams;
  /** The JSON body, or undefined. */
  body: unknown;
}

/** What the model says a request must get, and what to do once it is answered. */
export interface ModelExpectation {
  /** The model's user the request addressed (or created), as a case binds it. */
  user: string;
  command: string;
  expect: Expect;
  checks: string[];
  filledFromVariables: ReadonlySet<string>;
  /** Told the answer once judged: `conforms` says whether it was what the model expected. */
  answered(answer: { status: number; json: unknown }, conforms: boolean): void;
}

interface Tracked extends ModelUser {
  /** What its create answered: the model's templates read the user from it. */
  answer: Record<string, unknown>;
}

/** How many users the proxy follows at once; past it, the oldest is forgotten (memory stays bounded). */
export const TRACKED_USERS = 10_000;

/**
 * Follows the users a client creates through the proxy, in the states the plugin's model gives
 * them, so that a later request on one is judged by what the documents say a user in that state
 * gets. Only users whose create the proxy saw are followed: a user it never saw created has a
 * state it cannot know. A user whose answer contradicts the model is followed no more (its state
 * is then unknown), so one deviation is reported once, not again on every later request.
 */
export function createModelTracker(model: UserModel, identity: CreatedIdentity) {
  const users = new Map<string, Tracked>();
  let created = 0;
  const variablesOf = (user: Tracked): Variables => ({ [user.name]: user.answer });
  const readTarget = (answer: Record<string, unknown>) => {
    const read = identity.read(answer);
    return read ? `${read.method} ${requestTarget(read)}` : undefined;
  };

  const matchCommand = (request: TrackedRequest): ModelExpectation | undefined => {
    // The latest user first: a client works on what it just created.
    for (const user of [...users.values()].reverse()) {
      for (const command of model.commands) {
        if (command.operationId !== request.operationId || !command.from.includes(user.state) || (command.applies && !command.applies(user))) continue;
        const step = command.step(user);
        let sent: CaseRequest;
        try {
          sent = fill(step.request, variablesOf(user));
        } catch (error) {
          if (error instanceof MissingVariableError) continue;
          throw error;
        }
        if (!sameRequest(sent, request)) continue;
        return {
          user: user.name,
          command: command.name,
          expect: fill(step.expect, variablesOf(user)),
          checks: stepChecks(step),
          filledFromVariables: templatedPointers(step.expect),
          answered(_answer, conforms) {
            if (!conforms || step.state === undefined) users.delete(user.name);
            else user.state = step.state;
          },
        };
      }
    }
    return undefined;
  };

  const matchCreate = (request: TrackedRequest): ModelExpectation | undefined => {
    if (request.operationId !== model.create || !isObject(request.body)) return undefined;
    const name = `user${created + 1}`;
    const body = request.body;
    const { expect, checks, state } = model.created({ name, body });
    return {
      user: name,
      command: "create",
      expect,
      checks: stepChecks({ expect, checks }),
      filledFromVariables: templatedPointers(expect),
      answered(answer, conforms) {
        if (!conforms || answer.status < 200 || answer.status > 299 || !isObject(answer.json)) return;
        created++;
        // A create that answered a user already followed (a re-create) replaces it.
        const target = readTarget(answer.json);
        for (const [key, user] of users) if (target !== undefined && readTarget(user.answer) === target) users.delete(key);
        users.set(name, { name, body, state, answer: answer.json });
        if (users.size > TRACKED_USERS) users.delete(users.keys().next().value!);
      },
    };
  };

  return {
    /** The model's expectation for a request, or undefined when it addresses no user the proxy follows. */
    expectationFor: (request: TrackedRequest): ModelExpectation | undefined => matchCommand(request) ?? matchCreate(request),
    /** The users followed now, by the name a recorded case binds: what their creates sent and answered. */
    users: () => [...users.values()].map(({ name, body, state, answer }) => ({ name, body, state, answer })),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether an observed request is the one a model command would send: method, path, query, and the body fields the command sets. */
function sameRequest(sent: CaseRequest, observed: TrackedRequest): boolean {
  if (sent.method !== observed.method || decoded(sent.path) !== decoded(observed.path)) return false;
  const query = Object.entries(sent.query ?? {});
  if (query.length !== [...new Set(observed.query.keys())].length) return false;
  if (!query.every(([name, value]) => observed.query.get(name) === value)) return false;
  if (sent.body === undefined) return true;
  if (!isObject(sent.body) || !isObject(observed.body)) return JSON.stringify(sent.body) === JSON.stringify(observed.body);
  const observedBody = observed.body;
  return Object.entries(sent.body).every(([key, value]) => JSON.stringify(observedBody[key]) === JSON.stringify(value));
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
