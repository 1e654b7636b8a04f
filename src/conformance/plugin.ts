import type { SchemaObject } from "../contract/types.js";
import type { ConformanceAdapter } from "./api.js";
import type { ConformanceCredentials, CredentialDeclaration } from "./credentials.js";
import type { Variables } from "./template.js";

/**
 * An API's part of a conformance run. `Fixtures` is what its plugin reads from a fixtures folder,
 * once: the reference server is seeded from it and the run takes the callers that fit it.
 */
export interface ConformancePlugin<Fixtures = unknown> {
  /** Request headers of this API that carry credentials, besides authorization, proxy-authorization and cookie. */
  secretHeaders: readonly string[];
  /** The credentials `verify` takes for this API against a live implementation, in --help order. */
  credentials: readonly CredentialDeclaration[];
  createApi(credentials: ConformanceCredentials): ConformanceAdapter;
  /** Credentials and variables (callers, users) that fit the reference seeded with these fixtures. */
  referenceSetup(fixtures: Fixtures): { credentials: ConformanceCredentials; variables: Variables };
  /** Credentials that satisfy Prism, which checks their presence only. */
  prismCredentials(fixtures: Fixtures): ConformanceCredentials;
}

/** What the conformance engine needs to know of an API: where its contract and cases are, and its part of a run. */
export interface ConformanceSubject<Fixtures = unknown> {
  name: string;
  /** Absolute path of the OpenAPI document. */
  contractFile: string;
  /** The contract's schema (components.schemas) of the error envelope every error must use; checked when the plugin is loaded. */
  errorSchemaName: string;
  /** Absolute path of the folder of shipped case files. */
  casesDir: string;
  /**
   * The API's own fields of a case request, as a JSON Schema (`{ type: "object", properties: … }`):
   * the case loader composes it into the case format, so a field no one declares is rejected.
   */
  caseRequestSchema?: SchemaObject;
  conformance: ConformancePlugin<Fixtures>;
}
