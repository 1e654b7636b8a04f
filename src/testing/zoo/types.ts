import type { Mutation } from "../mutating-proxy.js";

export type ZooApi = "intercom" | "dfns";

/** What a zoo bug breaks: the areas the issue asks the zoo to cover. */
export type ZooArea = "state" | "concurrency" | "signing" | "permissions" | "input" | "auth" | "headers" | "shape";

/**
 * One implementation put in front of a correct reference server by a mutating proxy: a bug (a
 * deviation from what the contract or the documents guarantee) that `verify` or `fuzz` must
 * catch at its defaults, or a control (a difference the contract allows) both must pass.
 */
export interface ZooEntry {
  /** e.g. "intercom-email-lists-archived": the table's key. */
  id: string;
  api: ZooApi;
  kind: "bug" | "control";
  area?: ZooArea;
  /** One line: what the implementation does, and (for a bug) the guarantee it breaks. */
  reason: string;
  /** A fresh proxy's behaviour (state of its own: each run starts clean). */
  mutation(): Mutation;
  /** The operations whose fuzz properties reach the bug: the test runs `fuzz --operation` them (the same draws as the default run's, by seed). */
  operations?: string[];
}
