import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer } from "archive-kit";
import { runCli } from "../helpers/cli.js";
import { startCli } from "../helpers/long-running-cli.js";
import { startMutatingProxy, type MutatingProxy } from "../../src/testing/mutating-proxy.js";
import toy from "../../examples/toy-api/plugin.mjs";

// The toy API reaches the CLI only through `--plugin`: its one registry line.

const PLUGIN = fileURLToPath(new URL("../../examples/toy-api/plugin.mjs", import.meta.url));
const TOKEN = "test-only-toy-token";
const withToy = (...args: string[]) => ["--plugin", PLUGIN, ...args];

const temporaryDirs: string[] = [];
afterAll(() => temporaryDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A plugin module in a temporary folder: the toy with its contract replaced by `contractText` (and its members by `members`, JavaScript). */
function toyWithContract(contractText: string, members = ""): string {
  const dir = mkdtempSync(path.join(tmpdir(), "archive-kit-toy-"));
  temporaryDirs.push(dir);
  const contractFile = path.join(dir, "deactivate.yaml");
  writeFileSync(contractFile, contractText);
  const module = path.join(dir, "plugin.mjs");
  writeFileSync(module, `import toy from ${JSON.stringify(pathToFileURL(PLUGIN).href)};\nexport default { ...toy, contractFile: ${JSON.stringify(contractFile)}, ${members} };\n`);
  return module;
}

/** The toy's contract with its create's 201 linking to `operationId`, its `id` parameter set by `expression`. */
function createLinking(name: string, operationId: string, expression: string): string {
  const link = `          links:\n            ${name}:\n              operationId: ${operationId}\n              parameters:\n                id: ${expression}`;
  return readFileSync(toy.contractFile, "utf8").replace(
    '      responses:\n        "201":\n          $ref: "#/components/responses/UserOk"',
    `      responses:\n        "201":\n          description: The user created.\n          content:\n            application/json:\n              schema:\n                $ref: "#/components/schemas/User"\n${link}`,
  );
}

/**
 * The toy as a lifecycle: its deactivate an x-archive; its create linking to it and to a read (by
 * which a run confirms the user it made is its own); the deactivate's 200 linking to a read of the
 * same id by `$request.path.id`, expecting `active` to be `activeAfter`.
 */
function lifecycleContract(activeAfter: boolean): string {
  const followUp = `          links:\n            readAfter:\n              operationId: getUser\n              parameters:\n                id: $request.path.id\n              x-expect:\n                status: 200\n                values:\n                  active: ${activeAfter}\n`;
  return createLinking("deactivate", "deactivateUser", "$response.body#/id")
    .replace("                id: $response.body#/id", "                id: $response.body#/id\n            read:\n              operationId: getUser\n              parameters:\n                id: $response.body#/id")
    .replace("operationId: deactivateUser\n      summary", "operationId: deactivateUser\n      x-archive: true\n      summary")
    .replace("          description: The deactivated user.\n", `          description: The deactivated user.\n${followUp}`);
}

describe("archive-kit --plugin examples/toy-api/plugin.mjs", () => {
  it("fuzz on an x-archive with no follow-up to check: the lifecycle property is skipped with its reason, never a crash, and the run passes", async () => {
    // The toy's deactivate marked as an archive, and its create linking to it: but nothing says what a deactivated user then gets.
    const linked = createLinking("deactivate", "deactivateUser", "$response.body#/id")
      .replace("operationId: deactivateUser\n      summary", "operationId: deactivateUser\n      x-archive: true\n      summary");
    expect(linked).toMatch(/x-archive: true[\s\S]*/);
    expect(linked).toContain("$response.body#/id");
    const plugin = toyWithContract(linked);
    // validate says so first, as a warning: the contract itself is valid.
    const validated = await runCli(["--plugin", plugin, "validate", "--api", "toy"]);
    expect(validated.stdout).toMatch(/^ {2}! createUser: no lifecycle to check: the archive it links to \(deactivateUser\) has no link with x-expect/m);
    expect(validated.code).toBe(0);
    const result = await runCli(["--plugin", plugin, "fuzz", "--api", "toy", "--seed", "1", "--max-examples", "10"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^ {4}- toy\/fuzz-sequence-create-user {2}lifecycles generated along the links — no lifecycle to check: the archive it links to \(deactivateUser\) has no link with x-expect at its 200 answer saying what an archived user then gets — add one to the contract$/m);
    expect(result.stdout).toMatch(/^ {2}toy: 11 passed, 0 failed, 1 skipped/m);
    expect(result.code).toBe(0);
  });

  it("a UserError the plugin gets from the library (readFixture) is the CLI's one line and exit 2, not an unexpected error", async () => {
    // The bundled CLI and the library entry share dist/errors.js: one UserError class for both.
    const missing = path.join(tmpdir(), "archive-kit-no-such-fixtures");
    const result = await runCli(withToy("mock", "toy", "--stateful", "--fixtures", missing));
    expect(result.stderr.trim()).toBe(`archive-kit: fixtures ${path.join(missing, "tokens.json")}: no such file — pass --fixtures with a folder holding tokens.json`);
    expect(result.code).toBe(2);
  });

  it("validate --api toy checks the toy's contract and every example in it", async () => {
    const result = await runCli(withToy("validate", "--api", "toy"));
    expect(result.stderr).toBe("");
    expect(result.stdout).not.toMatch(/!/);
    expect(result.stdout).toMatch(/deactivate\.yaml .*3 operations, 12 documented examples, 3 response validators: all valid/);
    expect(result.code).toBe(0);
  });

  it.each([
    ["passes a deactivated user read back inactive", false, 0, /✓ toy\/fuzz-sequence-create-user {2}lifecycles generated along the links: 10 passed/],
    ["fails when the documents would say it stays active", true, 1, /✗ toy\/fuzz-sequence-create-user .*Generated sequence: createUser → (getUser → )?deactivateUser → getUser/],
  ])("fuzz follows a $request.path link from an archive's answer: a lifecycle %s", async (_name, activeAfter, code, line) => {
    const plugin = toyWithContract(lifecycleContract(activeAfter));
    const validated = await runCli(["--plugin", plugin, "validate", "--api", "toy"]);
    expect(validated.stdout).not.toMatch(/!/);
    const result = await runCli(["--plugin", plugin, "fuzz", "--api", "toy", "--seed", "1", "--max-examples", "10"]);
    expect(result.stdout).toMatch(line);
    expect(result.code).toBe(code);
  });

  it("fuzz runs the lifecycle of a body-less archive (a 200 with no content, as Okta's deactivate answers), its follow-up reading the request", async () => {
    // The 200's content taken out of the contract, and the toy's answer to a deactivate stripped of its body to match.
    const bodiless = lifecycleContract(false).replace(/( {10}description: The deactivated user\.\n[\s\S]*?)( {10}content:\n[\s\S]*?active: false \}\n)/, "$1");
    expect(bodiless).not.toContain("deactivated:\n");
    const members = `reference: { ...toy.reference, create(contract, fixtures, options) {
      const made = toy.reference.create(contract, fixtures, options);
      const handle = made.api.handle;
      made.api.handle = (request, operation, pathParams) => {
        const answer = handle(request, operation, pathParams);
        return operation.operationId === "deactivateUser" && answer.status === 200 ? { status: 200, headers: {} } : answer;
      };
      return made;
    } }`;
    const result = await runCli(["--plugin", toyWithContract(bodiless, members), "fuzz", "--api", "toy", "--seed", "1", "--max-examples", "10"]);
    expect(result.stdout).toMatch(/✓ toy\/fuzz-sequence-create-user {2}lifecycles generated along the links: 10 passed/);
    expect(result.code).toBe(0);
  });

  it.each([
    ["$response.header.Location", /^ {2}! createUser 201 link read: \$response\.header\.Location names a header the 201 response does not declare — fuzz does not follow this link$/m],
    ["$request.body#/email", /^ {2}! createUser 201 link read: "\$request\.body#\/email" is not a \$response\.body#\/…, \$response\.header\.… or \$request\.path\|query\|header\.… expression — fuzz does not follow this link$/m],
  ])("validate warns of a link fuzz cannot follow (%s), naming it, and still passes", async (expression, warning) => {
    const linked = createLinking("read", "getUser", expression);
    const result = await runCli(["--plugin", toyWithContract(linked), "validate", "--api", "toy"]);
    expect(result.stdout).toMatch(warning);
    expect(result.code).toBe(0);
  });

  it.each([
    [
      "an example that breaks its schema exits 1, naming it",
      { given: (text: string) => text.replace("value: { id: u-1, name: Ada Lovelace, active: false }", 'value: { id: u-1, name: Ada Lovelace, active: "no" }'), code: 1, line: /^ {2}✗ deactivateUser › response 200 application\/json › deactivated: \/active must be boolean/m },
    ],
    ["a malformed document exits 2 with one line", { given: (text: string) => `${text}\n  - [`, code: 2, line: /^archive-kit: contract .*deactivate\.yaml: malformed YAML/m }],
  ])("validate --api toy on a broken copy: %s", async (_name, { given, code, line }) => {
    const broken = toyWithContract(given(readFileSync(toy.contractFile, "utf8")));
    const result = await runCli(["--plugin", broken, "validate", "--api", "toy"]);
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toMatch(line);
    expect(output.split("\n").filter((text) => /✗|archive-kit:/.test(text))).toHaveLength(1);
    expect(result.code).toBe(code);
  });

  it("verify --api toy passes both cases against the toy's embedded reference", async () => {
    const result = await runCli(withToy("verify", "--api", "toy"));
    expect(result.stdout).toContain("✓ toy/deactivate-user");
    expect(result.stdout).toContain("✓ toy/deactivate-without-credentials");
    expect(result.stdout).toContain("2 passed, 0 failed, 0 skipped");
    expect(result.code).toBe(0);
  });

  it("ARCHIVE_KIT_PLUGINS loads it too: verify --api toy against an implementation needs the toy's own credential, and says how to give it", async () => {
    const result = await runCli(["verify", "--api", "toy", "--base-url", "http://127.0.0.1:9"], { env: { ARCHIVE_KIT_PLUGINS: PLUGIN, TOY_TOKEN: undefined } });
    expect(result.stderr.trim()).toMatch(/^archive-kit: .*no bearer token — set TOY_TOKEN or pass --toy-token$/);
    expect(result.code).toBe(2);
  });

  describe("against an implementation that accepts a missing token", () => {
    let reference: Awaited<ReturnType<typeof startReferenceServer>>;
    let proxy: MutatingProxy;
    beforeAll(async () => {
      reference = await startReferenceServer({ api: "toy", plugins: [toy] });
      proxy = await startMutatingProxy(reference.url, (request, forward) => forward({ ...request, headers: { authorization: `Bearer ${TOKEN}`, ...request.headers } }));
    });
    afterAll(async () => {
      await proxy?.close();
      await reference?.close();
    });

    it("verify --api toy fails the 401 case, exit 1, and never prints the token from TOY_TOKEN", async () => {
      const result = await runCli(withToy("verify", "--api", "toy", "--base-url", proxy.url), { env: { TOY_TOKEN: TOKEN } });
      expect(result.stdout).toContain("✓ toy/deactivate-user");
      expect(result.stdout).toContain("✗ toy/deactivate-without-credentials");
      expect(result.stdout).toContain("1 passed, 1 failed");
      expect(`${result.stdout}${result.stderr}`).not.toContain(TOKEN);
      expect(result.code).toBe(1);
    });
  });

  it("mock toy --stateful serves the toy reference: a fetch deactivates a user, and verify --base-url passes it", async () => {
    const cli = await startCli(withToy("mock", "toy", "--stateful", "--port", "0"), /Press Ctrl\+C/);
    try {
      const baseUrl = /listening on (http:\/\/\S+)/.exec(cli.banner)?.[1];
      expect(cli.banner).toContain(`TEST-ONLY credentials: token ${TOKEN}`);
      expect(cli.banner).toContain(`Try: curl -s -X POST '${baseUrl}/users/u-1/deactivate'`);
      const response = await fetch(`${baseUrl}/users/u-1/deactivate`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { id: "u-1", name: "Ada Lovelace", active: false } });

      const verified = await runCli(withToy("verify", "--api", "toy", "--base-url", baseUrl!, "--toy-token", TOKEN));
      expect(verified.stdout).toContain("2 passed, 0 failed, 0 skipped");
      expect(verified.code).toBe(0);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });
});

describe("without --plugin the toy is unknown", () => {
  it("verify --api all never runs a toy case; with --plugin it does", async () => {
    const args = ["verify", "--api", "all", "--case", "toy/*"];
    const [builtIn, plugged] = await Promise.all([runCli(args), runCli(withToy(...args))]);
    expect(builtIn.stderr.trim()).toMatch(/^archive-kit: no case matches --case toy\/\*/);
    expect(builtIn.code).toBe(2);
    expect(plugged.stdout).toMatch(/^toy — 2 cases/m);
    expect(plugged.stdout).toContain("2 passed, 0 failed, 0 skipped");
    expect(plugged.code).toBe(0);
  });

  it("verify --api toy is a usage error listing the known APIs, and --help offers no --toy-token", async () => {
    const [unknown, help] = await Promise.all([runCli(["verify", "--api", "toy"]), runCli(["verify", "--help"])]);
    expect(unknown.stderr.trim()).toMatch(/^archive-kit: .*toy.*intercom, dfns/);
    expect(unknown.code).toBe(2);
    expect(help.stdout).not.toContain("--toy-token");
    expect((await runCli(withToy("verify", "--help"))).stdout).toContain("--toy-token <token>");
  });
});
