/**
 * Values shown as the body's text wrote them. JSON.parse rounds integers beyond 2^53
 * (7324372795538888229 becomes 7324372795538889000), so a report of what came takes numbers from
 * the text, while every verdict stays on the parsed value.
 */

/** A received body: the parsed value decides what is there, the text how it is shown. */
export interface ReceivedJson {
  json: unknown;
  text?: string;
}

/**
 * What a report shows for the value at `pointer` ("" or "/" is the whole body): `absent`, or
 * compact JSON with numbers as written, cut to `maxLength` characters with an ellipsis.
 */
export function shownValueAt(body: ReceivedJson, pointer: string, maxLength = Infinity): string {
  const value = valueAt(body.json, pointer);
  if (value === undefined) return "absent";
  const shown = (body.text === undefined ? undefined : wireTextAt(body.text, pointer, maxLength + 1)) ?? JSON.stringify(value);
  return shown.length > maxLength ? `${shown.slice(0, maxLength - 1)}…` : shown;
}

/** The value a JSON pointer names ("" or "/" is the whole value), or undefined when it names nothing. */
export function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const token of tokensOf(pointer)) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/**
 * The value `pointer` names in a JSON text JSON.parse accepted: compact, strings as JSON.stringify
 * writes them, numbers as the text does; only its first `maxLength` characters when it is longer.
 */
export function wireTextAt(text: string, pointer: string, maxLength = Infinity): string | undefined {
  let start: number | undefined = skipSpace(text, 0);
  for (const token of tokensOf(pointer)) {
    start = childStart(text, start, token);
    if (start === undefined) return undefined;
  }
  return compact(text.slice(start, valueEnd(text, start)), maxLength);
}

/** A key as one token of a JSON pointer (RFC 6901: `~` and `/` escaped). */
export function pointerToken(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function tokensOf(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer.split("/").slice(1).map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Where the member or item `token` of the container at `at` starts; for a repeated key the last one, as JSON.parse keeps. */
function childStart(text: string, at: number, token: string): number | undefined {
  const isObject = text[at] === "{";
  if (!isObject && text[at] !== "[") return undefined;
  const wantedIndex = /^(0|[1-9]\d*)$/.test(token) ? Number(token) : -1;
  let found: number | undefined;
  let index = 0;
  let next = skipSpace(text, at + 1);
  while (next < text.length && text[next] !== "}" && text[next] !== "]") {
    let start = next;
    if (isObject) {
      const keyEnd = valueEnd(text, next);
      start = skipSpace(text, skipSpace(text, keyEnd) + 1);
      if (JSON.parse(text.slice(next, keyEnd)) === token) found = start;
    } else if (index++ === wantedIndex) return start;
    const end = valueEnd(text, start);
    if (end === start) return undefined;
    next = skipSpace(text, end);
    if (text[next] === ",") next = skipSpace(text, next + 1);
  }
  return found;
}

/** The index just past the value starting at `at`. */
function valueEnd(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return stringEnd(text, at);
  if (first !== "{" && first !== "[") {
    let end = at;
    while (end < text.length && /[-+.\w]/.test(text[end]!)) end++;
    return end;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const char = text[i];
    if (char === '"') i = stringEnd(text, i) - 1;
    else if (char === "{" || char === "[") depth++;
    else if ((char === "}" || char === "]") && --depth === 0) return i + 1;
  }
  return text.length;
}

function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  return i;
}

/** A JSON value's text without insignificant whitespace, its strings re-escaped as JSON.stringify does (the same redaction sees the same text). */
function compact(json: string, maxLength: number): string {
  let out = "";
  for (let i = 0; i < json.length && out.length < maxLength; i++) {
    const char = json[i]!;
    if (char === '"') {
      const end = stringEnd(json, i);
      out += JSON.stringify(JSON.parse(json.slice(i, end)));
      i = end - 1;
    } else if (!" \t\n\r".includes(char)) out += char;
  }
  return out;
}
