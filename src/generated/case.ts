// Generated from conformance/case.schema.json by json-schema-to-typescript (npm run generate). Do not edit.

/**
 * Semantic checks the step asks for by name; they own the step's status verdict. The names are those of the check registry (src/checks/index.ts and the API plugins), which the case loader checks them against: an unknown name is rejected when the case is loaded.
 */
export type Checks = string[];

/**
 * One documented example or derived rule, made replayable. Strings may hold {{ name.path }} templates.
 */
export interface ArchiveKitConformanceCase {
  id: string;
  title: string;
  source: string;
  operation: string;
  tags: string[];
  /**
   * State the case needs, bound to names: created through the API, or taken from the variables (fixtures or --vars).
   */
  given?: {
    [k: string]:
      | {
          create: {};
        }
      | {
          var: string;
        };
  };
  request: Request;
  expect: Expect;
  checks?: Checks;
  then?: {
    title?: string;
    request: Request;
    expect: Expect;
    checks?: Checks;
  }[];
  notes?: string;
}
export interface Request {
  method: string;
  path: string;
  query?: {
    [k: string]: string;
  };
  headers?: {
    [k: string]: string;
  };
  body?: unknown;
  /**
   * Sent as is, instead of body.
   */
  rawBody?: string;
  /**
   * default: the run's credentials; none: no Authorization; invalid: a token the implementation cannot know; basic: the token as Basic user name; or the name of a caller from the variables.
   */
  auth?: string;
  /**
   * Dfns: sign (default on signed operations), none, reuse (the token of the previous step), or a tampering: method, path, payload, signature, credential.
   */
  userAction?: "sign" | "none" | "reuse" | "method" | "path" | "payload" | "signature" | "credential";
  /**
   * Dfns: fresh, invalid, or replay (the previous step's).
   */
  nonce?: "fresh" | "invalid" | "replay";
  /**
   * Dfns: send the seed-era X-DFNS-APPID.
   */
  appId?: boolean;
}
export interface Expect {
  /**
   * The status, several acceptable ones, or 'documented' (any status the operation documents).
   */
  status?: number | [number, ...number[]] | "documented";
  /**
   * A subset of the JSON body that must match exactly.
   */
  values?: {
    [k: string]: unknown;
  };
  headers?: {
    [k: string]: string | boolean;
  };
  examples?: Examples;
  /**
   * Bind the response body to this name for later steps.
   */
  bind?: string;
  /**
   * Values and headers that must also match when the answer has this status (for steps that accept several).
   */
  byStatus?: {
    [k: string]: {
      /**
       * A subset of the JSON body that must match exactly.
       */
      values?: {
        [k: string]: unknown;
      };
      headers?: {
        [k: string]: string | boolean;
      };
      examples?: Examples;
    };
  };
}
/**
 * What the documents only show as an example (human wording, example values, headers the vendor may omit): compared like values and headers, but a difference is a warning, never a failure.
 */
export interface Examples {
  /**
   * A subset of the JSON body the documents show.
   */
  values?: {
    [k: string]: unknown;
  };
  headers?: {
    [k: string]: string | boolean;
  };
}
