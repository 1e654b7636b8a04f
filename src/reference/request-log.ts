import { headerApiKeys, secretHeaderSet, type Contract } from "../contract/core.js";

/** What one log line tells about a request. */
export interface LoggedRequest {
  method: string;
  /** The request target as sent: path and query. */
  target: string;
  /** The status sent, or undefined when the connection closed before an answer. */
  status: number | undefined;
  milliseconds: number;
  /** The request's headers, only to keep their secrets out of the line. */
  headers: Record<string, string | string[] | undefined>;
}

const REDACTED = "[redacted]";
const MAX_TARGET_CHARS = 300;

/**
 * Formats request log lines: `DELETE /users?user_id=25 200 3 ms`. Only query parameters the
 * contract documents show their values; any other parameter may be a token and is redacted whole.
 * No header value is ever printed.
 */
export function createRequestLogFormatter(contract: Contract): (request: LoggedRequest) => string {
  const redact = createTargetRedactor(contract);
  return (request) => {
    const status = request.status === undefined ? "no answer" : String(request.status);
    return `${printable(request.method)} ${redact(request.target, request.headers)} ${status} ${Math.round(request.milliseconds)} ms`;
  };
}

/**
 * A request target as logs and the request journal show it: printable, at most 300 characters,
 * only documented query parameters with their values, and no credential sent in a header.
 */
export function createTargetRedactor(contract: Contract): (target: string, headers: LoggedRequest["headers"]) => string {
  const documentedQuery = new Set(
    contract.operations.flatMap((operation) => operation.parameters.filter((parameter) => parameter.in === "query").map((parameter) => parameter.name)),
  );
  // Credential headers: the generic ones and the contract's API keys; a value found in the target is blanked out too.
  const secretHeaders = [...secretHeaderSet(headerApiKeys(contract))];
  return (target, headers) => withoutSecrets(shownTarget(target, documentedQuery), headers, secretHeaders);
}

function shownTarget(target: string, documentedQuery: Set<string>): string {
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const pairs = queryAt === -1 ? [] : target.slice(queryAt + 1).split("&").filter(Boolean);
  const shown = pairs.map((pair) => (documentedQuery.has(queryName(pair)) ? pair : REDACTED));
  const line = printable(shown.length > 0 ? `${path}?${shown.join("&")}` : path);
  return line.length > MAX_TARGET_CHARS ? `${line.slice(0, MAX_TARGET_CHARS)}…` : line;
}

function queryName(pair: string): string {
  const equals = pair.indexOf("=");
  const raw = equals === -1 ? pair : pair.slice(0, equals);
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** A token sent in a header and repeated in the path (or a documented parameter) is blanked out there too. */
function withoutSecrets(line: string, headers: LoggedRequest["headers"], secretHeaders: string[]): string {
  let result = line;
  for (const name of secretHeaders) {
    const value = headers[name];
    for (const text of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      // The credential itself, without a scheme such as "Bearer"; short values would blank out ordinary words.
      for (const secret of text.trim().split(/\s+/)) {
        if (secret.length >= 8) result = result.split(secret).join(REDACTED).split(encodeURIComponent(secret)).join(REDACTED);
      }
    }
  }
  return result;
}

/** Control and non-ASCII characters are shown escaped, so a request cannot forge log lines. */
function printable(text: string): string {
  return text.replace(/[^\x21-\x7e]/g, (character) => {
    const code = character.charCodeAt(0);
    return code < 0x100 ? `%${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
