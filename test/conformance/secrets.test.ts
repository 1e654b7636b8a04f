/**
 * Secrets nowhere: an implementation that echoes every request header back (in its response headers
 * and bodies) still never gets a token or user action token into the console or any report.
 */
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { INVALID_TOKEN } from "../../src/conformance/invalid-credential.js";
import { runConformance, startReferenceServer, type ReferenceServer } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";
import { jsonOf, startMutatingProxy, withJson, type MutatingProxy, type Mutation } from "../../src/testing/mutating-proxy.js";

const CALLER_TOKENS = ["test-only-dfns-reader-token", "test-only-dfns-employee-manager-token", "test-only-dfns-enduser-manager-token"];
const SETUPS = {
  intercom: { env: { INTERCOM_TOKEN: "test-only-intercom-token" }, flags: [] as string[], secrets: ["test-only-intercom-token", "test-only-intercom-token-2"] },
  dfns: {
    env: { DFNS_TOKEN: "test-only-dfns-admin-token", DFNS_CREDENTIAL_ID: "Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag" },
    flags: ["--dfns-private-key", "fixtures/dfns/keys/admin.p256.test-only.pem", "--dfns-app-id", "ap-38o5u-nsa4s-8a4ne8dcjhu2fpvt"],
    secrets: ["test-only-dfns-admin-token", ...CALLER_TOKENS],
  },
};

/** Echoes the request's credential headers into the response's headers, its JSON body and an error's message. */
function echoing(seen: Set<string>): Mutation {
  return async (request, forward) => {
    for (const name of ["authorization", "x-dfns-useraction"]) if (request.headers[name]) seen.add(request.headers[name]!.replace(/^(Bearer|Basic) /, ""));
    const response = await forward(request);
    const echoed = JSON.stringify({ authorization: request.headers.authorization, userAction: request.headers["x-dfns-useraction"] });
    const body = jsonOf(response);
    const answer =
      body && typeof body === "object" && !Array.isArray(body)
        ? withJson(response, { ...body, echo: echoed, ...(body.type ? { type: `${body.type} ${echoed}` } : {}), ...(body.error ? { error: { ...body.error, message: echoed } } : {}) })
        : response;
    return { ...answer, headers: { ...answer.headers, "x-echo": echoed } };
  };
}

let running: Array<ReferenceServer | MutatingProxy> = [];
afterEach(async () => {
  await Promise.all(running.map((server) => server.close()));
  running = [];
});

describe("secrets nowhere", () => {
  it.each(["intercom", "dfns"] as const)("%s: no token or user action token in the console, the JSON, the JUnit or the coverage report", async (api) => {
    const reference = await startReferenceServer({ api, rateLimit: { limit: 1_000_000, windowSeconds: 60 } });
    const seen = new Set<string>();
    const proxy = await startMutatingProxy(reference.url, echoing(seen));
    running.push(reference, proxy);
    const output = await mkdtemp(path.join(tmpdir(), "archive-kit-secrets-"));
    const setup = SETUPS[api];
    const { code, stdout, stderr } = await runCli(
      ["verify", "--api", api, "--base-url", proxy.url, "--vars", "examples/vars.yaml", ...setup.flags, "--reporter", "console", "json", "junit", "coverage", "--output", output],
      { env: setup.env },
    );
    // The echo changes types (Intercom: a failure) and wording (Dfns: a warning); both print what was received.
    expect(code).toBe(api === "intercom" ? 1 : 0);
    expect(stdout).toContain("***");
    // The invalid token of `auth: invalid` steps is no secret: reports show it as sent.
    const userActionTokens = [...seen].filter((value) => !setup.secrets.includes(value) && value !== INVALID_TOKEN && !value.includes(":") && value.length > 20);
    if (api === "dfns") expect(userActionTokens.length).toBeGreaterThan(10);
    const reports = await Promise.all((await readdir(output)).map((name) => readFile(path.join(output, name), "utf8")));
    expect(reports).toHaveLength(3);
    for (const text of [stdout, stderr, ...reports]) {
      for (const secret of [...setup.secrets.filter((value) => seen.has(value) || CALLER_TOKENS.includes(value)), ...userActionTokens]) {
        expect(text.includes(secret), `${secret.slice(0, 12)}… leaked`).toBe(false);
      }
    }
  });

  it("a base URL with a password is refused by the library too, without repeating the password", async () => {
    const refused = runConformance({ api: "intercom", baseUrl: "http://me:pa55word-in-url@127.0.0.1:9", credentials: { token: "t0ken-value" } });
    await expect(refused).rejects.toThrow(/^baseUrl carries credentials \(user:password@\) — drop them/);
    await expect(refused).rejects.not.toThrow(/pa55word/);
  });
});
