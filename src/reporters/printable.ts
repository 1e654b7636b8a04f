/**
 * The characters a text report cannot hold (most control characters, lone surrogates: XML 1.0
 * refuses them, HTML takes them as parse errors) shown as their code instead.
 */
export function printable(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
