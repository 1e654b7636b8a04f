/**
 * A server that echoes the credentials it gets JSON-escaped (`\/`), URL-encoded and base64-encoded
 * leaves no form of them in any report: console, JSON, JUnit or coverage. A marker that is no secret, echoed
 * the same way, is found in the JSON report: the search below finds what is there.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";
import { jsonOf, startMutatingProxy, type MutatingProxy, type Mutation } from "../../src/testing/mutating-proxy.js";

/** The token the run is given: `/`, `+`, `=`, `@` and `:` make each encoded form differ from it. */
const GIVEN_TOKEN = "t0k/en+with=sl@sh:ok~x";
/** Echoed exactly like the secrets, and no secret: it must reach the reports. */
const MARKER = "m4rk/er+not=secret:ok~y";

const SETUPS = {
  intercom: {
    referenceToken: "test-only-intercom-token",
    env: { INTERCOM_TOKEN: GIVEN_TOKEN },
    flags: ["--case", "intercom/archive-by-user-id", "intercom/archive-with-basic-auth", "intercom/archive-with-invalid-token"],
  },
  dfns: {
    referenceToken: "test-only-dfns-admin-token",
    env: { DFNS_TOKEN: GIVEN_TOKEN, DFNS_CREDENTIAL_ID: "Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag" },
    flags: ["--dfns-private-key", "fixtures/dfns/keys/admin.p256.test-only.pem", "--vars", "examples/vars.yaml", "--case", "dfns/archive", "dfns/archive-with-invalid-token"],
  },
};

/** Every way the mutation below writes a value into a JSON body: as a JSON text, so `\/` survives. */
function echoFields(name: string, value: string): string {
  const base64 = Buffer.from(value).toString("base64");
  return [
    `"${name}_json":"${value.replaceAll("/", "\\/")}"`,
    `"${name}_url":"${encodeURIComponent(value)}"`,
    `"${name}_base64":"${base64.replaceAll("/", "\\/")}"`,
    `"${name}_base64url":"${Buffer.from(value).toString("base64url")}"`,
    // Inside a longer encoded text, at another alignment than its own.
    `"${name}_base64_inside":"${Buffer.from(`{"token":"${value}"}`).toString("base64")}"`,
  ].join(",");
}

/**
 * Sends the reference its own token in place of the given one (Bearer or Basic), then echoes the
 * given token, the user action token and the marker into the answer: in every encoded form in the
 * body, encoded in a header, and base64 and URL-encoded in Intercom's `type` and in an error's
 * message, so that failure and warning lines print them as received.
 */
function echoing(referenceToken: string, seen: Set<string>): Mutation {
  return async (request, forward) => {
    const headers = { ...request.headers };
    if (headers.authorization?.startsWith("Bearer ")) headers.authorization = headers.authorization.replace(GIVEN_TOKEN, referenceToken);
    if (headers.authorization?.startsWith("Basic ")) {
      const pair = Buffer.from(headers.authorization.slice(6), "base64").toString("utf8").replace(GIVEN_TOKEN, referenceToken);
      headers.authorization = `Basic ${Buffer.from(pair).toString("base64")}`;
    }
    const response = await forward({ ...request, headers });
    const body = jsonOf(response);
    if (!body || typeof body !== "object" || Array.isArray(body)) return response;
    const userAction = request.headers["x-dfns-useraction"];
    if (userAction) seen.add(userAction);
    const echoed = [["token", GIVEN_TOKEN], ["marker", MARKER], ...(userAction ? [["userAction", userAction]] : [])] as const;
    const encoded = `${Buffer.from(GIVEN_TOKEN).toString("base64")} ${encodeURIComponent(GIVEN_TOKEN)}`;
    const shown = { ...(typeof body.type === "string" ? { type: `${body.type} ${encoded}` } : {}), ...(body.error ? { error: { ...body.error, message: encoded } } : {}) };
    const text = JSON.stringify({ ...body, ...shown }).replace(/}$/, `,${echoed.map(([name, value]) => echoFields(name, value)).join(",")}}`);
    return { ...response, body: text, headers: { ...response.headers, "x-echo": `${encodeURIComponent(GIVEN_TOKEN)} ${Buffer.from(GIVEN_TOKEN).toString("base64url")}` } };
  };
}

/** Every string a JSON report holds, keys too, as stored (its file escapes them once more). */
function storedStrings(json: string): string {
  const strings: string[] = [];
  JSON.parse(json, (key, value) => {
    strings.push(key, ...(typeof value === "string" ? [value] : []));
    return value;
  });
  return strings.join("\n");
}

/** What of `value` a text holds: as is, `\/`-escaped, URL-encoded, or inside any base64 or base64url run. */
function formsFound(text: string, value: string): string[] {
  const found = [value, value.replaceAll("/", "\\/"), encodeURIComponent(value), encodeURIComponent(value).toLowerCase()].filter((form) => text.includes(form));
  const runs = text.replaceAll("\\/", "/").match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? [];
  for (const run of runs) if (Buffer.from(run, "base64").toString("latin1").includes(value)) found.push(`base64 ${run}`);
  return found;
}

let running: Array<ReferenceServer | MutatingProxy> = [];
afterEach(async () => {
  await Promise.all(running.map((server) => server.close()));
  running = [];
});

describe("secrets echoed in encoded forms", () => {
  it.each(["intercom", "dfns"] as const)("%s: no form of the token or a user action token is in the console or any report", async (api) => {
    const setup = SETUPS[api];
    const reference = await startReferenceServer({ api, rateLimit: { limit: 1_000_000, windowSeconds: 60 } });
    const seen = new Set<string>();
    const proxy = await startMutatingProxy(reference.url, echoing(setup.referenceToken, seen));
    running.push(reference, proxy);
    const output = await mkdtemp(path.join(tmpdir(), "archive-kit-echoed-secrets-"));
    const { code, stdout, stderr } = await runCli(["verify", "--api", api, "--base-url", proxy.url, ...setup.flags, "--reporter", "console", "json", "junit", "coverage", "--output", output], { env: setup.env });

    expect([0, 1], stdout + stderr).toContain(code);
    // What came back was printed, redacted.
    expect(stdout).toMatch(/Received: "[^"\n]*\*\*\*/);
    if (api === "dfns") expect(seen.size).toBeGreaterThan(0);
    const json = storedStrings(await readFile(path.join(output, "archive-kit-report.json"), "utf8"));
    const junit = await readFile(path.join(output, "archive-kit-junit.xml"), "utf8");
    const coverage = await readFile(path.join(output, "archive-kit-coverage.md"), "utf8");
    for (const [name, text] of Object.entries({ stdout, stderr, json, junit, coverage })) {
      for (const secret of [GIVEN_TOKEN, ...seen]) expect(formsFound(text, secret), `${name}: ${secret.slice(0, 8)}…`).toEqual([]);
    }
    // The answers are in the JSON report, marker and all: each of its encoded forms is found there.
    expect(formsFound(json, MARKER)).toEqual(expect.arrayContaining(["m4rk\\/er+not=secret:ok~y", encodeURIComponent(MARKER)]));
    expect(formsFound(json, MARKER).filter((form) => form.startsWith("base64 ")).length).toBeGreaterThanOrEqual(3);
  });
});
