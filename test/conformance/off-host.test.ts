import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runConformance } from "../../src/wiring.js";
import { runCli } from "../helpers/cli.js";
import { sendJson, startRecordingServer } from "../helpers/http.js";

/*
 * A case path, whether written in the case file or filled in from a variable, can never send the
 * request (and the token it carries) anywhere but the base URL's origin, under its path.
 * "Elsewhere" is a second loopback server: another origin that must never hear from the runner.
 */

const TOKEN = "s3cr3t-token-for-the-base-url-only";
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function servers() {
  const answer = (_request: unknown, response: Parameters<typeof sendJson>[0]) => sendJson(response, 404, { type: "error.list", errors: [{ code: "not_found", message: "no" }] });
  const home = await startRecordingServer(answer);
  const elsewhere = await startRecordingServer(answer);
  cleanups.push(home.close, elsewhere.close);
  return { home, elsewhere, elsewhereHost: new URL(elsewhere.url).host };
}

/** What a server heard besides the run's preflight read (which goes before any case, to the base URL). */
function caseRequests(server: Awaited<ReturnType<typeof servers>>["home"]) {
  return server.requests.filter((request) => !/\/users\/archive-kit-preflight$/.test(request.url));
}

async function casesFolder(paths: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-off-host-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await Promise.all(
    paths.map((casePath, i) =>
      writeFile(
        path.join(dir, `case-${i}.yaml`),
        [
          `id: test/off-host-${i}`,
          "title: A path that tries to leave the base URL",
          "source: test",
          "operation: viewUserById",
          "tags: [derived]",
          "request:",
          "  method: GET",
          `  path: ${JSON.stringify(casePath)}`,
          "expect:",
          "  status: 404",
          "",
        ].join("\n"),
      ),
    ),
  );
  return dir;
}

describe("a case path filled in from a variable never leaves the base URL", () => {
  // The case path is "/{{ trick }}": each value would turn it into a request to another origin, or above the base path.
  const tricks: Array<[string, (host: string) => string, string]> = [
    ["a protocol-relative URL", (host) => `/${host}/steal`, ""],
    ["a backslash", (host) => `\\${host}/steal`, ""],
    ["a tab the URL parser drops", (host) => `\t/${host}/steal`, ""],
    ["a newline the URL parser drops", (host) => `\n/${host}/steal`, ""],
    ["CR LF", (host) => `\r\n/${host}/steal`, ""],
    ["userinfo", (host) => `/user:password@${host}/steal`, ""],
    ["dot segments above the base path", () => "../steal", "/api"],
    ["encoded dot segments above the base path", () => "%2e%2e/steal", "/api"],
    ["backslashed dot segments above the base path", () => "..\\..\\steal", "/api"],
  ];

  it.each(tricks)("%s: the case fails, nothing is sent anywhere", async (_name, trick, basePath) => {
    const { home, elsewhere, elsewhereHost } = await servers();
    const result = await runConformance({
      api: "intercom",
      baseUrl: `${home.url}${basePath}`,
      credentials: { token: TOKEN },
      casesDir: await casesFolder(["/{{ trick }}"]),
      variables: { trick: trick(elsewhereHost) },
      timeoutMs: 30_000,
    });
    expect(elsewhere.requests).toEqual([]);
    expect(caseRequests(home)).toEqual([]);
    expect(result.cases[0]).toMatchObject({ status: "failed", reason: expect.stringMatching(/request path .* — a case path starts with a single "\/" and stays under http:\/\/127\.0\.0\.1:\d+(\/api)?\/$/) });
  });

  it("a path that stays under the base URL is sent there, with its prefix", async () => {
    const { home, elsewhere, elsewhereHost } = await servers();
    await runConformance({
      api: "intercom",
      baseUrl: `${home.url}/api`,
      credentials: { token: TOKEN },
      casesDir: await casesFolder(["/users/{{ trick }}"]),
      variables: { trick: `@${elsewhereHost}` },
      timeoutMs: 30_000,
    });
    expect(elsewhere.requests).toEqual([]);
    expect(caseRequests(home).map((request) => request.url)).toEqual([`/api/users/@${elsewhereHost}`]);
  });
});

describe("a case file whose path could leave the base URL is refused when the cases load", () => {
  const literal: Array<[string, (host: string) => string]> = [
    ["protocol-relative", (host) => `//${host}/steal`],
    ["backslash", (host) => `/\\${host}/steal`],
    ["absolute URL", (host) => `http://${host}/steal`],
    ["dot segments", () => "/../steal"],
    ["encoded dot segments", () => "/%2e%2e/steal"],
    ["a newline", (host) => `/\n/${host}/steal`],
  ];

  it.each(literal)("%s: exit 2, one line, nothing sent", async (_name, casePath) => {
    const { home, elsewhere, elsewhereHost } = await servers();
    const dir = await casesFolder([casePath(elsewhereHost)]);
    const { code, stdout, stderr } = await runCli(["verify", "--api", "intercom", "--base-url", home.url, "--intercom-token", TOKEN, "--cases", dir]);
    // An absolute URL is already refused by the case format (a path starts with "/"); the rest by the path check.
    expect(stderr).toMatch(/^archive-kit: case \S*case-0\.yaml: (request path .* could leave the base URL — start it with a single "\/"|not a valid case: \/request\/path)[^\n]*\n$/);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(elsewhere.requests).toEqual([]);
    expect(home.requests).toEqual([]);
  });
});
