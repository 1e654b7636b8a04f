import type { SentRequest } from "./types.js";

/**
 * One shell line that sends the request again with curl: method, URL, headers and body as sent.
 * Credential headers come masked (`Bearer ***`) and the caller redacts the line: put the credential
 * back to run it. curl's own defaults are cancelled where the request had none (Accept, User-Agent, a
 * form Content-Type), and it neither globs nor normalises the URL.
 */
export function curlLine(request: SentRequest): string {
  const names = new Set(Object.keys(request.headers).map((name) => name.toLowerCase()));
  const parts = ["curl", "-sS", "-g", "--path-as-is", "-X", quote(request.method), quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) parts.push("-H", quote(value === "" ? `${name};` : `${name}: ${value}`));
  for (const name of ["Accept", "User-Agent"]) if (!names.has(name.toLowerCase())) parts.push("-H", quote(`${name}:`));
  if (request.body !== "") {
    if (!names.has("content-type")) parts.push("-H", quote("Content-Type:"));
    parts.push("--data-raw", quote(request.body));
  }
  return parts.join(" ");
}

/** Single quotes for a POSIX shell; a value with control characters (that would break the line) as bash's $'…'. */
function quote(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  if (!/[\u0000-\u001f\u007f]/.test(value)) return `'${value.replace(/'/g, `'\\''`)}'`;
  const escaped = [...value]
    .map((char) => {
      const code = char.codePointAt(0)!;
      if (char === "\\" || char === "'") return `\\${char}`;
      return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, "0")}` : char;
    })
    .join("");
  return `$'${escaped}'`;
}
