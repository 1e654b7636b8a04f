import type { Contract, Operation } from "../contract/index.js";
import type { SecuritySchemeObject } from "../contract/types.js";

/** Where a security scheme's credential travels: a header (name lower-cased), a query parameter, or a cookie. */
interface Carrier {
  scheme: string;
  in: "header" | "query" | "cookie";
  name: string;
  /** For an HTTP scheme: the Authorization scheme word it takes (bearer, basic). */
  httpScheme?: string;
}

function carrierOf(name: string, scheme: SecuritySchemeObject | undefined): Carrier | undefined {
  if (!scheme) return undefined;
  if (scheme.type === "http") return { scheme: name, in: "header", name: "authorization", httpScheme: String(scheme.scheme).toLowerCase() };
  if (scheme.type === "apiKey" && (scheme.in === "header" || scheme.in === "query" || scheme.in === "cookie")) return { scheme: name, in: scheme.in, name: scheme.in === "header" ? scheme.name.toLowerCase() : scheme.name };
  return undefined;
}

export interface SeenRequest {
  /** Header names lower-cased, values unmasked. */
  headers: Record<string, string>;
  query: URLSearchParams;
}

function carries(request: SeenRequest, carrier: Carrier): boolean {
  if (carrier.in === "query") return (request.query.get(carrier.name) ?? "") !== "";
  if (carrier.in === "cookie") return (request.headers.cookie ?? "").split(";").some((pair) => pair.trim().startsWith(`${carrier.name}=`));
  const value = request.headers[carrier.name]?.trim() ?? "";
  if (!carrier.httpScheme) return value !== "";
  const [word, credential] = value.split(/\s+/, 2);
  return word?.toLowerCase() === carrier.httpScheme && (credential ?? "") !== "";
}

/**
 * The credentials an operation requires that the request does not carry: empty when one of its
 * security alternatives is carried whole (or the operation needs none). Only presence is judged:
 * whether a credential is valid is the upstream's to know.
 */
export function missingCredentials(contract: Contract, operation: Operation, request: SeenRequest): string[] {
  const schemes = contract.document.components?.securitySchemes ?? {};
  const alternatives = operation.security;
  if (alternatives.length === 0 || alternatives.some((requirement) => Object.keys(requirement).length === 0)) return [];
  let fewest: string[] | undefined;
  for (const requirement of alternatives) {
    const missing: string[] = [];
    for (const name of Object.keys(requirement)) {
      const carrier = carrierOf(name, schemes[name] as SecuritySchemeObject | undefined);
      if (carrier && !carries(request, carrier)) missing.push(carrier.httpScheme ? `Authorization: ${carrier.httpScheme}` : `${carrier.in} ${carrier.name}`);
    }
    if (missing.length === 0) return [];
    if (!fewest || missing.length < fewest.length) fewest = missing;
  }
  return fewest ?? [];
}

/** The headers an operation's apiKey security schemes carry (lower-cased), besides Authorization. */
export function apiKeyHeaders(contract: Contract, operation: Operation): string[] {
  const schemes = contract.document.components?.securitySchemes ?? {};
  return operation.security.flatMap((requirement) =>
    Object.keys(requirement).flatMap((name) => {
      const carrier = carrierOf(name, schemes[name] as SecuritySchemeObject | undefined);
      return carrier?.in === "header" && !carrier.httpScheme && carrier.name !== "authorization" ? [carrier.name] : [];
    }),
  );
}
