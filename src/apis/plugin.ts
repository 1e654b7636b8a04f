import type { ConformanceApi } from "../conformance/api.js";
import type { Variables } from "../conformance/template.js";
import type { Contract } from "../contract/index.js";
import type { ReferenceApi } from "../reference/types.js";
import { UserError } from "../errors.js";

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
  /** What `mock --stateful` prints after the credentials: how to make a first call to the reference at `baseUrl`. */
  mockHint(baseUrl: string, credentials: TestCredentials): string[];
  conformance: ConformancePlugin;
}

/** Credentials for a conformance run, as the API needs them (a token; Dfns also a signing key). */
export type ConformanceCredentials = Record<string, string | undefined>;

/**
 * One credential a conformance run against a live implementation needs, as the API declares it:
 * `verify` offers it as a flag and reads it from an environment variable.
 */
export interface CredentialDeclaration {
  /** Its key in the ConformanceCredentials the flag sets, e.g. "token". */
  name: string;
  /** The `verify` flag, e.g. "--intercom-token"; it takes one value. */
  flag: string;
  /** How --help names the flag's value, e.g. "token" for `--intercom-token <token>`. */
  valueName: string;
  /** The environment variable read when the flag is absent, e.g. "INTERCOM_TOKEN". */
  env: string;
  /** Its key when it comes from the variable, if the variable holds something else than the flag (default: `name`). */
  envName?: string;
  /** --help text; "(or ENV)" is appended, with `envHelp` after ENV when given. */
  help: string;
  /** What the variable holds when it differs from the flag, e.g. "with the PEM text". */
  envHelp?: string;
  /** The flag names a file that must exist; `fix` ends the usage error when it does not. */
  file?: { fix: string };
  /** Its value must never be shown: it is redacted from every report and log line. */
  secret: boolean;
  /** A run cannot go without it: when absent, the error says "no <required>". */
  required?: string;
}

/** The --help line of a declared credential flag. */
export function credentialHelp(declaration: CredentialDeclaration): string {
  return `${declaration.help} (or ${declaration.env}${declaration.envHelp ? ` ${declaration.envHelp}` : ""})`;
}

/**
 * The credentials an API declares, from flags (keyed by flag, e.g. "--intercom-token") or else
 * from the environment; a missing required one is a UserError naming both ways to give it.
 */
export function declaredCredentials(
  api: string,
  declarations: readonly CredentialDeclaration[],
  flags: Record<string, string | undefined>,
  env: NodeJS.ProcessEnv,
): ConformanceCredentials {
  const credentials: ConformanceCredentials = {};
  for (const declaration of declarations) {
    const fromFlag = flags[declaration.flag];
    const fromEnv = fromFlag === undefined ? env[declaration.env] : undefined;
    if (!(fromFlag ?? fromEnv) && declaration.required) {
      throw new UserError(`verify ${api}: no ${declaration.required} — set ${declaration.env} or pass ${declaration.flag}`);
    }
    credentials[declaration.name] = fromFlag;
    if (declaration.envName) credentials[declaration.envName] = fromEnv;
    else if (fromFlag === undefined) credentials[declaration.name] = fromEnv;
  }
  return credentials;
}

/** The values of secret credentials, for redaction (a file path is not the secret: the key read from a variable is). */
export function secretCredentialValues(declarations: readonly CredentialDeclaration[], credentials: ConformanceCredentials): string[] {
  const values: Array<string | undefined> = [];
  for (const declaration of declarations) {
    if (!declaration.secret) continue;
    if (!declaration.file) values.push(credentials[declaration.name]);
    if (declaration.envName) values.push(credentials[declaration.envName]);
  }
  return values.filter((value): value is string => typeof value === "string" && value !== "");
}

export interface ConformancePlugin {
  /** Request headers of this API that carry credentials, besides authorization, proxy-authorization and cookie. */
  secretHeaders: readonly string[];
  /** The credentials `verify` takes for this API against a live implementation, in --help order. */
  credentials: readonly CredentialDeclaration[];
  createApi(credentials: ConformanceCredentials): ConformanceApi;
  /**
   * Credentials from flags (keyed by the declared flag, e.g. "--intercom-token") and environment
   * variables, as `credentials` declares them; a missing one is a UserError naming it.
   */
  credentialsFrom(flags: Record<string, string | undefined>, env: NodeJS.ProcessEnv): ConformanceCredentials;
  /** Credentials and variables (callers, users) that fit the shipped fixtures of the reference. */
  referenceSetup(fixturesDir: string): { credentials: ConformanceCredentials; variables: Variables };
  /** Credentials that satisfy Prism, which checks their presence only. */
  prismCredentials(fixturesDir: string): ConformanceCredentials;
}
