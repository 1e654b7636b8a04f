/**
 * The forms a secret takes when an implementation echoes it back: as is, JSON-escaped, URL-encoded,
 * base64 and base64url, and any of these with `/` escaped as `\/` (as PHP's json_encode writes it)
 * or as a JSON pointer's segment (a property named by the secret, in a failure's `where`).
 * Only forms at least `shortest` characters long: a shorter one would redact ordinary text.
 */
export function echoedForms(secret: string, shortest: number): string[] {
  const forms = new Set<string>();
  for (const plain of [secret, ...base64Forms(secret, shortest)]) {
    for (const form of [plain, ...jsonEscaped(plain), ...urlEncoded(plain)]) {
      forms.add(form);
      forms.add(form.replaceAll("/", "\\/"));
      forms.add(form.replaceAll("~", "~0").replaceAll("/", "~1"));
    }
  }
  return [...forms].filter((form) => form.length >= shortest);
}

/** Inside a JSON string: control characters, quotes and backslashes escaped; also with every non-ASCII character as \uXXXX. */
function jsonEscaped(text: string): string[] {
  const escaped = JSON.stringify(text).slice(1, -1);
  return [escaped, escaped.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)];
}

/** Percent-encoded as a URL component (upper- and lower-case hex) and as a form field (space as +). */
function urlEncoded(text: string): string[] {
  const component = encodeURIComponent(text);
  return [component, component.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()), new URLSearchParams({ _: text }).toString().slice(2)];
}

/**
 * The secret in base64 and base64url: encoded alone (padded or not), and whatever its offset in a
 * longer encoded text, at each of the three alignments the characters that encode its bytes alone.
 */
function base64Forms(secret: string, shortest: number): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const alone = bytes.toString("base64");
  const forms = [alone, alone.replace(/=+$/, ""), bytes.toString("base64url")];
  for (const skip of [0, 1, 2]) {
    const whole = Math.floor((bytes.length - skip) / 3) * 3;
    if (whole < shortest) continue;
    const aligned = bytes.subarray(skip, skip + whole);
    forms.push(aligned.toString("base64"), aligned.toString("base64url"));
  }
  return forms;
}
