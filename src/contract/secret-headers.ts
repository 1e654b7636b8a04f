import type { Contract } from "./assemble.js";

/**
 * Headers whose values are credentials in any HTTP API: what they carry is a secret wherever else it
 * turns up. An API adds its own on top of these (a plugin's `secretHeaders`, a contract's API keys).
 */
export const GENERIC_SECRET_HEADERS: readonly string[] = ["authorization", "proxy-authorization", "cookie"];

/** The generic secret headers and the given ones, lower-cased, as one set. */
export function secretHeaderSet(extra: Iterable<string> = []): ReadonlySet<string> {
  return new Set([...GENERIC_SECRET_HEADERS, ...extra].map((name) => name.toLowerCase()));
}

/** The headers the contract's security schemes carry an API key in (a credential, so a secret). */
export function headerApiKeys(contract: Contract): string[] {
  return Object.values(contract.document.components?.securitySchemes ?? {}).flatMap((scheme) =>
    "type" in scheme && scheme.type === "apiKey" && scheme.in === "header" ? [scheme.name] : [],
  );
}
