import type fc from "fast-check";
import type { Contract, Operation } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";
import type { Case } from "../conformance/types.js";
import type { UserModel } from "./model/types.js";
import type { Tamperings } from "./tamper.js";
import type { GeneratedRequest } from "./types.js";

/** A property whose examples are whole cases: a generated lifecycle, a valid request on a created user, or a tampered signed request. */
export interface CaseProperty {
  /** e.g. "fuzz-sequence-create-user": the case id under the API, and the saved file's name. */
  name: string;
  operation: Operation;
  label: string;
  arbitrary: fc.Arbitrary<Case>;
}

/** A property that cannot run in this fuzz run, and why. */
export interface UnavailableProperty {
  name: string;
  operation: Operation;
  label: string;
  unavailable: string;
}

export interface CasePropertyOptions {
  apiName: string;
  positive(contract: Contract, operation: Operation): fc.Arbitrary<GeneratedRequest>;
  /** The API plugin's case request fields: the tamperings it offers. */
  caseRequestSchema: SchemaObject | undefined;
  /** The plugin's tamperings and their refusals (`fuzz.tamperings`); none: nothing is tampered with. */
  tamperings: Tamperings;
  /** Valid destructive requests may address drawn users (a disposable server); otherwise only users the run created. */
  allowDrawnTargets: boolean;
  /** The plugin's model of its users; none: no model sequences. */
  model?: UserModel;
  /** Case request fields a request without valid credentials also needs (the plugin's `fuzz.withoutCredentials`). */
  withoutCredentials?: Record<string, unknown>;
}
