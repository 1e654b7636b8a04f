import { headerApiKeys, type Contract } from "../contract/core.js";
import type { ReferenceRequest, ReferenceResponse } from "./types.js";

/** Which page origins may call a reference server (`undefined`: any), and which request headers they may send. */
export interface CorsSettings {
  origins?: string[];
  /**
   * Request headers allowed besides those the API reads. When neither this nor `origins` is
   * given, a preflight allows whatever headers the page asks for: tracing SDKs add their own
   * (`traceparent`, `sentry-trace`), and the server reads none of them.
   */
  headers?: string[];
}

/** Request headers every API's callers send, whatever the contract says: the pipeline reads them. */
const PIPELINE_REQUEST_HEADERS = ["authorization", "content-type", "accept", "prefer"];
/** Response headers the pipeline itself sends (405 answers carry `Allow`). */
const PIPELINE_RESPONSE_HEADERS = ["Allow"];
/** Readable by every page without being exposed (the CORS-safelisted response headers). */
const SAFELISTED_RESPONSE_HEADERS = new Set(["cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"]);
/** Seconds a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export interface CorsPolicy {
  /** Whether pages of this origin may call the server. */
  allows(origin: string): boolean;
  /** Headers every answer to `origin` carries (none for an origin that is not allowed). */
  headersFor(origin: string | undefined): Record<string, string>;
  /** The 204 answer to a preflight from an allowed origin; undefined for anything else. */
  preflight(request: ReferenceRequest): ReferenceResponse | undefined;
}

/**
 * CORS for a reference server. What a page may send and read is derived from the contract: its
 * header parameters and header API keys, and every response header it documents. Credentialed
 * requests (cookies) are not supported: callers send `Authorization` explicitly, so no
 * `Access-Control-Allow-Credentials` is sent and any origin can be allowed safely.
 */
export function createCorsPolicy(contract: Contract, settings: CorsSettings, extra: { requestHeaders?: string[]; methods?: string[] } = {}): CorsPolicy {
  const allowed = settings.origins ? new Set(settings.origins) : undefined;
  const methods = [...new Set([...contract.operations.map((operation) => operation.method.toUpperCase()), ...(extra.methods ?? [])])];
  const requestHeaders = [...new Set([...PIPELINE_REQUEST_HEADERS, ...documentedRequestHeaders(contract), ...(extra.requestHeaders ?? []), ...(settings.headers ?? [])].map((name) => name.toLowerCase()))];
  const anyRequestHeader = settings.origins === undefined && settings.headers === undefined;
  const exposed = [...new Set([...documentedResponseHeaders(contract), ...PIPELINE_RESPONSE_HEADERS])].filter((name) => !SAFELISTED_RESPONSE_HEADERS.has(name.toLowerCase()));

  const allows = (origin: string | undefined): origin is string => origin !== undefined && (allowed === undefined || allowed.has(origin));

  return {
    allows,
    headersFor(origin): Record<string, string> {
      // The answer depends on Origin whenever CORS is on, so caches must key on it.
      if (!allows(origin)) return { Vary: "Origin" };
      return { "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": exposed.join(", "), Vary: "Origin" };
    },
    preflight(request) {
      if (request.method !== "OPTIONS" || request.headers["access-control-request-method"] === undefined) return undefined;
      if (!allows(request.headers.origin)) return undefined;
      return {
        status: 204,
        headers: {
          "Access-Control-Allow-Methods": methods.join(", "),
          "Access-Control-Allow-Headers": (anyRequestHeader ? [...new Set([...requestHeaders, ...askedHeaders(request.headers["access-control-request-headers"])])] : requestHeaders).join(", "),
          "Access-Control-Max-Age": String(PREFLIGHT_MAX_AGE_SECONDS),
        },
      };
    },
  };
}

/** The header names a preflight asks for, lower-cased; anything that is not a header name is left out. */
function askedHeaders(list: string | undefined): string[] {
  return (list ?? "").split(",").map((name) => name.trim().toLowerCase()).filter((name) => /^[!#$%&'*+.^_`|~0-9a-z-]{1,100}$/.test(name)).slice(0, 100);
}

/** Header parameters of every operation, and API keys the security schemes put in a header. */
function documentedRequestHeaders(contract: Contract): string[] {
  const parameters = contract.operations.flatMap((operation) => operation.parameters.filter((parameter) => parameter.in === "header").map((parameter) => parameter.name));
  return [...parameters, ...headerApiKeys(contract)];
}

/** Every header name a documented response of any operation may carry. */
function documentedResponseHeaders(contract: Contract): string[] {
  return contract.operations.flatMap((operation) => Object.values(operation.responses).flatMap((response) => Object.keys(response.headers ?? {})));
}

/** An origin as a browser sends it (`http://localhost:5173`), or undefined when `text` is not one. */
export function normaliseOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  // An origin has no path, query, fragment or user: "http://host/" is accepted, "http://host/app" is not.
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") return undefined;
  return url.origin;
}
