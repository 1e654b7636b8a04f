import type { CaseRequest, Expect } from "../../conformance/types.js";

/** A user a model sequence created: its name in the case, what its create sent, and its state in the model. */
export interface ModelUser {
  /** The name its create's answer is bound to: `{{ <name>.id }}` in a request reads what it answered. */
  name: string;
  /** The body its create sent (run templates and all): a lookup by what was sent reads it from here. */
  body: Record<string, unknown>;
  /** Its state, as the plugin's model names it ("live", "archived"). */
  state: string;
}

/** One request of a model sequence, and what the documents guarantee it gets. */
export interface ModelStep {
  request: CaseRequest;
  /** Only what the documents make certain: a status they leave open is a list of the statuses they allow, or "documented". */
  expect: Expect;
  /** Semantic checks that own the status verdict (default: `documented-state`). */
  checks?: string[];
}

/** Something a sequence may do to one of its users. */
export interface ModelCommand {
  /** e.g. "archive by user_id": each step's title starts with it. */
  name: string;
  operationId: string;
  /** The states of the users it addresses. */
  from: readonly string[];
  /** Whether it can address this user at all (a lookup by user_id needs a user that was sent one). */
  applies?(user: ModelUser): boolean;
  /**
   * The step, and the user's state after it. `undefined`: the documents leave the outcome open,
   * so the user is addressed no more in this sequence (the model asserts nothing it cannot know).
   */
  step(user: ModelUser): ModelStep & { state: string | undefined };
}

/**
 * What an API's documents guarantee about the users a client creates, as an executable state
 * machine: the fail-tier facts only. `fuzz` draws sequences of its commands over several users,
 * runs them, and judges every answer by what the model expects (src/fuzz/model/cases.ts).
 */
export interface UserModel {
  /** The operation that creates users; their bodies are its valid requests, made unique to the run. */
  create: string;
  /** What a create of a new user must answer, and its state after. */
  created(user: Omit<ModelUser, "state">): Pick<ModelStep, "expect" | "checks"> & { state: string };
  commands: readonly ModelCommand[];
}
