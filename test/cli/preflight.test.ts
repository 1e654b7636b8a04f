/**
 * Setup errors told from API errors (issue 14, item 2): a refused or unreadable credential, an
 * unreachable server and one that does not speak HTTP each end in one line with exit 2, before
 * any case runs, and the reports record an error, not failures.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../src/wiring.js";
import { runCli } from "../helpers/cli.js";
import { REFUSING_URL } from "../helpers/refusing-url.js";
import { startMutatingProxy, type MutatingProxy } from "../../src/testing/mutating-proxy.js";

const DFNS_KEY = readFileSync(new URL("../../fixtures/dfns/keys/admin.p256.test-only.pem", import.meta.url), "utf8");

let intercom: ReferenceServer;
let dfns: ReferenceServer;
/** In front of the Dfns reference, counting what reaches it. */
let dfnsCounted: MutatingProxy;
let dfnsRequests = 0;

beforeAll(async () => {
  [intercom, dfns] = await Promise.all([startReferenceServer({ api: "intercom" }), startReferenceServer({ api: "dfns" })]);
  dfnsCounted = await startMutatingProxy(dfns.url, (request, forward) => {
    dfnsRequests++;
    return forward(request);
  });
});
afterAll(async () => {
  await dfnsCounted?.close();
  await Promise.all([intercom?.close(), dfns?.close()]);
});

function dfnsEnv(overrides: Record<string, string>): Record<string, string> {
  return { DFNS_TOKEN: dfns.credentials.token, DFNS_CREDENTIAL_ID: dfns.credentials.credentialId!, DFNS_PRIVATE_KEY: DFNS_KEY, ...overrides };
}

/** One line on stderr, nothing that reads as a case or a verdict on stdout. */
function expectOneLine(result: { code: number; stdout: string; stderr: string }, line: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr.trim()).toMatch(line);
  expect(result.stdout).not.toMatch(/✗|✓|passed/);
}

describe("verify's preflight", () => {
  it("a wrong access token: one line naming INTERCOM_TOKEN, exit 2, and the reports say error", async () => {
    const output = mkdtempSync(path.join(tmpdir(), "ak-preflight-"));
    const result = await runCli(["verify", "--api", "intercom", "--base-url", intercom.url, "--reporter", "console", "json", "junit", "--output", output], { env: { INTERCOM_TOKEN: "not-the-token" } });
    expectOneLine(result, /^archive-kit: intercom: the access token \(INTERCOM_TOKEN or --intercom-token\) was refused \(GET \S+ answered 401\) — /);
    const report = JSON.parse(readFileSync(path.join(output, "archive-kit-report.json"), "utf8"));
    expect(report.runs[0].cases).toEqual([]);
    expect(report.runs[0].error).toMatch(/INTERCOM_TOKEN/);
    const junit = readFileSync(path.join(output, "archive-kit-junit.xml"), "utf8");
    expect(junit).toMatch(/<error message="intercom: the access token/);
    expect(junit).not.toMatch(/<failure/);
  });

  it("a wrong Dfns token, credential id and unreadable key each name what to fix; the key is read before anything is sent", async () => {
    const base = ["verify", "--api", "dfns", "--base-url", dfnsCounted.url];
    expectOneLine(await runCli(base, { env: dfnsEnv({ DFNS_TOKEN: "not-the-token" }) }), /the auth token \(DFNS_TOKEN or --dfns-token\) was refused/);
    expectOneLine(await runCli(base, { env: dfnsEnv({ DFNS_CREDENTIAL_ID: "Y3ItdW5rbm93bg" }) }), /the signing credential \(DFNS_CREDENTIAL_ID .*\) was refused \(POST \/auth\/action answered 403\)/);
    const before = dfnsRequests;
    expectOneLine(await runCli(base, { env: dfnsEnv({ DFNS_PRIVATE_KEY: "not a pem" }) }), /^archive-kit: dfns: DFNS_PRIVATE_KEY: not a readable PEM private key — /);
    expect(dfnsRequests).toBe(before);
  });

  it("the right credentials pass the preflight and the cases run", async () => {
    const result = await runCli(["verify", "--api", "dfns", "--base-url", dfns.url, "--case", "dfns/archive"], { env: dfnsEnv({}) });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/✓ dfns\/archive/);
    expect(result.code).toBe(0);
  });

  it("an unreachable server: one line, no case lines, and JUnit holds an error", async () => {
    const url = REFUSING_URL;
    const output = mkdtempSync(path.join(tmpdir(), "ak-preflight-"));
    const result = await runCli(["verify", "--api", "intercom", "--base-url", url, "--reporter", "console", "junit", "--output", output], { env: { INTERCOM_TOKEN: "any-token" } });
    expectOneLine(result, /^archive-kit: cannot connect to http:\/\/127\.0\.0\.1:\d+ — start the implementation or fix --base-url$/);
    const junit = readFileSync(path.join(output, "archive-kit-junit.xml"), "utf8");
    expect(junit).toMatch(/errors="1"/);
    expect(junit).not.toMatch(/<failure/);
  });

  it("a server that does not speak HTTP: one line naming --base-url", async () => {
    const sockets = new Set<Socket>();
    const garbage = createServer((socket) => {
      sockets.add(socket);
      socket.end("SSH-2.0-OpenSSH_9.6\r\n");
    });
    await new Promise<void>((resolve) => garbage.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = garbage.address() as { port: number };
      const result = await runCli(["verify", "--api", "intercom", "--base-url", `http://127.0.0.1:${port}`], { env: { INTERCOM_TOKEN: "any-token" } });
      expectOneLine(result, /does not answer as an HTTP server should .* — check that --base-url is the implementation's HTTP address/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => garbage.close(resolve));
    }
  });
});

describe("fuzz's preflight", () => {
  it("a wrong token or an unreadable key: one line, exit 2, nothing fuzzed", async () => {
    const refused = await runCli(["fuzz", "--api", "intercom", "--base-url", intercom.url, "--seed", "1"], { env: { INTERCOM_TOKEN: "not-the-token" } });
    expectOneLine(refused, /^archive-kit: intercom: the access token \(INTERCOM_TOKEN or --intercom-token\) was refused/);
    expect(refused.stdout.trim()).toBe("fuzz seed 1 (repeat this run with --seed 1)");
    const before = dfnsRequests;
    expectOneLine(await runCli(["fuzz", "--api", "dfns", "--base-url", dfnsCounted.url], { env: dfnsEnv({ DFNS_PRIVATE_KEY: "not a pem" }) }), /^archive-kit: dfns: DFNS_PRIVATE_KEY: not a readable PEM private key/);
    expect(dfnsRequests).toBe(before);
  });

  it("an unreachable server: one line, exit 2, no example sent or shrunk", async () => {
    const url = REFUSING_URL;
    const result = await runCli(["fuzz", "--api", "intercom", "--base-url", url, "--seed", "1"], { env: { INTERCOM_TOKEN: "any-token" } });
    expectOneLine(result, /^archive-kit: cannot connect to http:\/\/127\.0\.0\.1:\d+ — start the implementation or fix --base-url$/);
    expect(result.stdout).not.toMatch(/shrunk/);
  });
});

