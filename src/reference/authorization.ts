/**
 * Strict `Authorization` parsing shared by the reference servers. A header is accepted only when
 * it is exactly one scheme, one run of spaces and one credential in that scheme's syntax: trailing
 * words, a second credential, or Basic credentials outside the standard base64 alphabet are refused.
 */

import { fromBase64, toBase64 } from "../encoding/base64.js";

// RFC 6750 §2.1 b64token: what a Bearer credential may be made of.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
// RFC 7617 / RFC 4648 §4: standard base64 with its padding, never the base64url alphabet.
const BASIC = /^Basic +((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/i;

/** The Bearer token of a header, or undefined when the header is not exactly `Bearer <token>`. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return BEARER.exec(authorization ?? "")?.[1];
}

/** The decoded `user-id:password` pair of a Basic header, or undefined when it is not canonical base64 of UTF-8 text. */
export function basicCredentials(authorization: string | undefined): { userId: string; password: string } | undefined {
  const encoded = BASIC.exec(authorization ?? "")?.[1];
  if (!encoded) return undefined;
  const bytes = fromBase64(encoded);
  // Non-zero padding bits decode to the same bytes; only the canonical spelling is accepted.
  if (toBase64(bytes) !== encoded) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(":");
  if (colon === -1) return undefined;
  return { userId: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
