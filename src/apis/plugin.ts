import type { ConformanceApi } from "../conformance/api.js";
import type { Variables } from "../conformance/template.js";
import type { Contract } from "../contract/index.js";
import type { ReferenceApi } from "../reference/types.js";

/** Options every reference server understands; each API reads the ones that concern it. */
export interface ReferenceOptions {
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now: () => number;
  /** Intercom: requests per token and window. */
  rateLimit?: { limit: number; windowSeconds: number };
  /** Dfns: how long a challenge and a user action token stay valid. */
  userActionTtlSeconds?: number;
}

/** What a user needs to call a reference server: printed by the CLI, returned by the library. */
export interface TestCredentials {
  token: string;
  [name: string]: string;
}

/** What is specific to one API, behind one small interface (see DESIGN.md). */
export interface ApiPlugin {
  name: string;
  defaultPrismPort: number;
  createReference(contract: Contract, fixturesDir: string, options: ReferenceOptions): { api: ReferenceApi; credentials: TestCredentials };
  /** One copy-pasteable curl that archives the documented user on a server at `baseUrl`. */
  archiveCurl(baseUrl: string, credentials?: TestCredentials): string;
  conformance: ConformancePlugin;
}

/** Credentials for a conformance run, as the API needs them (a token; Dfns also a signing key). */
export type ConformanceCredentials = Record<string, string | undefined>;

export interface ConformancePlugin {
  createApi(credentials: ConformanceCredentials): ConformanceApi;
  /** Credentials from flags and environment variables; a missing one is a UserError naming it. */
  credentialsFrom(flags: Record<string, string | undefined>, env: NodeJS.ProcessEnv): ConformanceCredentials;
  /** Credentials and variables (callers, users) that fit the shipped fixtures of the reference. */
  referenceSetup(fixturesDir: string): { credentials: ConformanceCredentials; variables: Variables };
  /** Credentials that satisfy Prism, which checks their presence only. */
  prismCredentials(fixturesDir: string): ConformanceCredentials;
}
