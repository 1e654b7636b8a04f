import { printable } from "./printable.js";

/** Markup already escaped: `html` inserts it as it is. */
export class Markup {
  constructor(readonly text: string) {}
}

type Part = Markup | string | number | undefined | false | readonly Part[];

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML shows it, in an element or a quoted attribute: what an implementation sent can never become markup. */
function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/**
 * Markup from a template: every interpolated string or number is escaped, so escaping is the
 * default and only `Markup` (what `html` itself built) goes in unescaped. Arrays are joined;
 * `undefined` and `false` leave nothing, for optional parts.
 */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Markup {
  return new Markup(strings.reduce((out, literal, index) => out + literal + (index < parts.length ? markupOf(parts[index]) : ""), ""));
}

function markupOf(part: Part): string {
  if (part === undefined || part === false) return "";
  if (part instanceof Markup) return part.text;
  if (Array.isArray(part)) return part.map(markupOf).join("");
  return escapeHtml(String(part));
}
