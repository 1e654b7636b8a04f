// Generated from conformance/case.schema.json by json-schema-to-typescript (npm run generate). Do not edit.

export type Request = RequestExtension & {
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
   * Send this request several times at once, each on a connection of its own (a race the documents make single: one archive of a user, one use of a user action token). Every answer must have a status expect allows, and at most one may succeed (2xx).
   */
  race?: {
    /**
     * How many copies race.
     */
    copies: number;
    /**
     * true: prepared once and sent as the same bytes (one user action token, one nonce, presented by every copy); default false: each copy prepared on its own.
     */
    sameRequest?: boolean;
  };
};
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
/**
 * The API's own request fields (its plugin's caseRequestSchema): the case loader puts that schema here, so a field no plugin declares is rejected.
 */
export interface RequestExtension {}
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
