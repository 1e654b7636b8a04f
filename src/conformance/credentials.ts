import { UserError } from "../errors.js";

/** Credentials for a conformance run, as the API needs them (a token; some APIs also a signing key). */
export type ConformanceCredentials = Record<string, string | undefined>;

/**
 * One credential a conformance run against a live implementation needs, as the API declares it:
 * `verify` offers it as a flag and reads it from an environment variable.
 */
export interface CredentialDeclaration {
  /** Its key in the ConformanceCredentials the flag sets, e.g. "token". */
  name: string;
  /** The `verify` flag, e.g. "--acme-token"; it takes one value. */
  flag: string;
  /** How --help names the flag's value, e.g. "token" for `--acme-token <token>`. */
  valueName: string;
  /** The environment variable read when the flag is absent, e.g. "ACME_TOKEN". */
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
 * The credentials an API declares, from flags (keyed by flag, e.g. "--acme-token") or else
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
