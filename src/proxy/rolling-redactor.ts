import { createRedactor, type Redactor, type RedactorOptions } from "../conformance/redact.js";

/** Exchanges after which a one-time secret (a nonce, a challenge, a user action token) may be forgotten. */
export const SECRET_GENERATION = 64;
/** Credential headers kept for good besides the flags' secrets: the distinct Authorization values seen, up to this many. */
const KEPT_CREDENTIALS = 256;

/**
 * A redactor for a long-running proxy: every secret it learns stays masked for at least
 * SECRET_GENERATION exchanges, the run's credentials for good, so that masking costs the same on
 * the millionth exchange as on the first and memory stays bounded. A one-time secret echoed again
 * after that many exchanges is the one thing it would miss.
 */
export function createRollingRedactor(options: RedactorOptions, lasting: readonly string[]) {
  const keptHeaders = new Map<string, Record<string, string>>();
  const fresh = () => {
    const redactor = createRedactor(options);
    for (const secret of lasting) redactor.add(secret);
    for (const headers of keptHeaders.values()) redactor.addHeaders(headers);
    return redactor;
  };
  let current = fresh();
  let previous: Redactor | undefined;
  let exchanges = 0;
  const redactor: Redactor = {
    add: (secret) => current.add(secret),
    addHeaders: (headers) => current.addHeaders(headers),
    addFrom: (values) => current.addFrom(values),
    redact: (text) => current.redact(previous ? previous.redact(text) : text),
  };
  return {
    redactor,
    /** A credential header (Authorization: its scheme's credential, a Basic pair's parts) masked for the whole run; past KEPT_CREDENTIALS distinct ones, it rolls like the others. */
    keepHeader(name: string, value: string) {
      const key = `${name.toLowerCase()}\n${value}`;
      if (!keptHeaders.has(key) && keptHeaders.size < KEPT_CREDENTIALS) keptHeaders.set(key, { [name]: value });
      current.addHeaders({ [name]: value });
    },
    /** Counts one exchange; every SECRET_GENERATION of them, the oldest generation of secrets is dropped. */
    exchanged() {
      if (++exchanges % SECRET_GENERATION !== 0) return;
      previous = current;
      current = fresh();
    },
  };
}
