import { secretHeaderSet } from "../contract/index.js";
import { isDeliberatelyInvalid } from "./invalid-credential.js";
import { echoedForms } from "./secret-forms.js";
import type { Variables } from "./template.js";

/** Keys whose string values (in credentials and variables) are secrets. */
const SECRET_KEY = /token|secret|password|privatekey$|apikey/i;
/** Shorter values would redact ordinary text; no real credential is this short. */
const SHORTEST_SECRET = 6;
export const REDACTED = "***";

export interface Redactor {
  /** A value that must never be shown, in any form an echo may give it (a PEM key adds each of its lines too). */
  add(secret: string | undefined): void;
  /** The values of outgoing credential headers: a token, a Basic pair, a user action token (not the deliberately invalid token). */
  addHeaders(headers: Record<string, string>): void;
  /** Every string under a secret-looking key of a credentials or variables object. */
  addFrom(values: Variables): void;
  redact(text: string): string;
}

export interface RedactorOptions {
  /** Credential headers besides the generic ones (the API plugin's). */
  secretHeaders?: Iterable<string>;
  /** Keys whose string values are secrets besides the usual ones (a proxy reads bodies it did not write: challenges, nonces). */
  secretKeys?: RegExp;
}

/**
 * Collects the secrets a run knows and replaces every occurrence of them with `***`: as is,
 * JSON-escaped, URL-encoded or base64-encoded, however the implementation echoed them.
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const secretHeaders = secretHeaderSet(options.secretHeaders);
  const secrets = new Set<string>();
  const forms = new Set<string>();
  let longestFirst: string[] | undefined;
  const add = (secret: string | undefined) => {
    // The invalid token is sent to be refused: shown as sent, so that a replay sends it again.
    if (!secret || secret.length < SHORTEST_SECRET || secrets.has(secret) || isDeliberatelyInvalid(secret)) return;
    secrets.add(secret);
    for (const form of echoedForms(secret, SHORTEST_SECRET)) forms.add(form);
    longestFirst = undefined;
    // A key echoed inside JSON has its line breaks escaped: its lines must be found one by one.
    if (secret.includes("\n")) for (const line of secret.split(/\r?\n/)) if (!line.startsWith("-----")) add(line.trim());
  };
  const addFrom = (values: Variables, depth = 0): void => {
    if (depth > 8) return;
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === "string" && (SECRET_KEY.test(key) || options.secretKeys?.test(key))) add(value);
      else if (value && typeof value === "object") addFrom(value as Variables, depth + 1);
    }
  };
  return {
    add,
    addFrom: (values) => addFrom(values),
    addHeaders(headers) {
      for (const [name, value] of Object.entries(headers)) {
        if (!secretHeaders.has(name.toLowerCase())) continue;
        add(value);
        const [scheme, credential] = value.split(/\s+/, 2);
        if (!credential) continue;
        add(credential);
        if (scheme!.toLowerCase() === "basic") {
          const decoded = Buffer.from(credential, "base64").toString("utf8");
          add(decoded);
          for (const part of decoded.split(":")) add(part);
        }
      }
    },
    redact(text) {
      // Longest first, so that a form containing another is replaced whole; sorted once per new secret, not per text.
      longestFirst ??= [...forms].sort((a, b) => b.length - a.length);
      let result = text;
      for (const form of longestFirst) {
        if (result.includes(form)) result = result.split(form).join(REDACTED);
      }
      return result;
    },
  };
}
