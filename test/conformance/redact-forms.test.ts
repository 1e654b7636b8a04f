import { describe, expect, it } from "vitest";
import { INVALID_TOKEN } from "../../src/conformance/invalid-credential.js";
import { createRedactor } from "../../src/conformance/redact.js";
import { maskHeaders } from "../../src/conformance/transport.js";

const SECRET = "s3cr/et+to=ken:é~x";
const base64 = (text: string) => Buffer.from(text).toString("base64");

describe("the redactor replaces every form an echo may give a secret", () => {
  const redactor = createRedactor();
  redactor.add(SECRET);
  redactor.add("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0/aBcDeF+gh\n-----END PRIVATE KEY-----\n");

  it.each<[string, { given: string; want: string }]>([
    ["as is", { given: `a ${SECRET} b`, want: "a *** b" }],
    ["JSON-escaped with \\/", { given: `{"t":"${SECRET.replaceAll("/", "\\/")}"}`, want: '{"t":"***"}' }],
    ["JSON-escaped, non-ASCII as \\u", { given: `"${SECRET.replace("é", "\\u00e9")}"`, want: '"***"' }],
    ["URL-encoded", { given: `?t=${encodeURIComponent(SECRET)}`, want: "?t=***" }],
    ["URL-encoded, lower-case hex", { given: `?t=${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())}`, want: "?t=***" }],
    ["form-encoded", { given: `t=${new URLSearchParams({ t: SECRET }).toString().slice(2)}`, want: "t=***" }],
    ["base64url", { given: Buffer.from(SECRET).toString("base64url"), want: "***" }],
    ["a JSON pointer segment", { given: `at /errors/${SECRET.replaceAll("~", "~0").replaceAll("/", "~1")}/code`, want: "at /errors/***/code" }],
    ["a PEM line, JSON-escaped with \\/", { given: '"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0\\/aBcDeF+gh"', want: '"***"' }],
  ])("%s", (_name, { given, want }) => {
    expect(redactor.redact(given)).toBe(want);
  });

  it.each([0, 1, 2])("base64 inside a longer encoded text, %i bytes after an alignment", (offset) => {
    const text = base64(`${"p".repeat(offset)}${SECRET}-after`);
    const redacted = redactor.redact(text);
    expect(redacted).toContain("***");
    // What is left around the *** decodes to at most the bytes that share a base64 group with the text around the secret.
    for (const part of redacted.split("***")) expect(Buffer.from(part, "base64").toString("utf8")).not.toContain(SECRET.slice(2, -2));
  });

  it("leaves text that only shares short pieces with a secret as it is", () => {
    const short = createRedactor();
    short.add("abcdefgh");
    expect(short.redact(`abcdefg bcdefgh ${base64("abc")} ${base64("abcde")}`)).toBe(`abcdefg bcdefgh ${base64("abc")} ${base64("abcde")}`);
    expect(short.redact(base64("abcdefgh"))).not.toContain(base64("abcdef"));
  });
});

describe("only real secrets are masked", () => {
  it("the deliberately invalid token is shown as sent and never redacted; the run's token is masked", () => {
    const headers = { Authorization: `Bearer ${INVALID_TOKEN}`, Accept: "application/json" };
    expect(maskHeaders(headers)).toEqual(headers);
    expect(maskHeaders({ Authorization: "Bearer real-token-123" })).toEqual({ Authorization: "Bearer ***" });
    const redactor = createRedactor();
    redactor.addHeaders(headers);
    redactor.add(INVALID_TOKEN);
    redactor.addFrom({ callers: { bad: { token: INVALID_TOKEN } } });
    redactor.addHeaders({ Authorization: "Bearer real-token-123" });
    expect(redactor.redact(`${INVALID_TOKEN} real-token-123`)).toBe(`${INVALID_TOKEN} ***`);
  });

  it("a token that merely ends like the invalid one is masked", () => {
    expect(maskHeaders({ Authorization: `Bearer real-${INVALID_TOKEN}` })).toEqual({ Authorization: "Bearer ***" });
    expect(maskHeaders({ Authorization: `Bearer real ${INVALID_TOKEN}` })).toEqual({ Authorization: "Bearer ***" });
  });
});
