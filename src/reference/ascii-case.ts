/**
 * E-mail addresses and usernames are compared ASCII case-insensitively and nothing more: only
 * A–Z fold to a–z. No Unicode case folding or normalisation, so U+212A KELVIN SIGN stays distinct
 * from `k`, and a folded value never changes length.
 */
export function asciiLowerCase(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
