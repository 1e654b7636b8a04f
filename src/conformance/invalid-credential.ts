/**
 * The token an `auth: invalid` request sends: no implementation can know it. It is no secret, so
 * reports show it as sent — masked, a replayed request would carry a real token instead and get
 * the answer a valid request gets.
 */
export const INVALID_TOKEN = "archive-kit-invalid-token";

/** Whether a credential header's value is the deliberately invalid token, with or without its scheme. */
export function isDeliberatelyInvalid(value: string): boolean {
  const scheme = value.slice(0, -INVALID_TOKEN.length);
  return value.endsWith(INVALID_TOKEN) && (scheme === "" || /^[A-Za-z][\w-]* $/.test(scheme));
}
