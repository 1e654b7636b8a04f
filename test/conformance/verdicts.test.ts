/**
 * The verdict is never green when nothing was checked, and warnings never turn it red: through the
 * CLI, against the reference server seen through a proxy that breaks (or merely rewords) one thing.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";
import { jsonOf, passThrough, pathOf, startMutatingProxy, withJson, type Mutation } from "../../src/testing/mutating-proxy.js";

const INTERCOM = { INTERCOM_TOKEN: "test-only-intercom-token" };
const lastLine = (stdout: string) => stdout.trim().split("\n").at(-1);

let reference: ReferenceServer;
beforeAll(async () => {
  reference = await startReferenceServer({ api: "intercom", rateLimit: { limit: 1_000_000, windowSeconds: 60 } });
});
afterAll(() => reference.close());

/** Runs `verify --api intercom` against the reference through `mutation`. */
async function verifyThrough(mutation: Mutation, flags: string[]) {
  const proxy = await startMutatingProxy(reference.url, mutation);
  try {
    return await runCli(["verify", "--api", "intercom", "--base-url", proxy.url, ...flags], { env: INTERCOM });
  } finally {
    await proxy.close();
  }
}

/** A folder holding the given case files. */
async function caseFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-cases-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe("no false green", () => {
  it("a create that answers 200 {} fails every case that relies on it, saying why (it used to skip them and exit 0)", async () => {
    const brokenCreate: Mutation = async (request, forward) => {
      const response = await forward(request);
      return request.method === "POST" && pathOf(request) === "/users" ? withJson(response, {}) : response;
    };
    const { code, stdout } = await verifyThrough(brokenCreate, ["--vars", "examples/vars.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ intercom\/archive-by-id .*— setup: Response violates schema at \/\w+ \(POST \/users\)/);
    expect(stdout).not.toContain("needs the variable user");
    expect(lastLine(stdout)).toMatch(/^\d+ passed, (\d{2}) failed, 0 skipped$/);
  });

  it("a skipped documented example fails the run unless accepted by name; a skipped derived case does not", async () => {
    const needsVariable = (id: string, tag: string) =>
      [
        `id: test/${id}`,
        `title: needs a variable nobody passes`,
        `source: test`,
        `operation: archiveUserById`,
        `tags: [${tag}]`,
        `given: { user: { var: someUser } }`,
        `request: { method: DELETE, path: "/users/{{ user.id }}" }`,
        `expect: { status: 200 }`,
      ].join("\n");
    const documented = await caseFolder({ "a.yaml": needsVariable("documented-example", "documented") });
    const derived = await caseFolder({ "a.yaml": needsVariable("derived-rule", "derived") });

    const refused = await verifyThrough(passThrough, ["--cases", documented]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("Skipped documented examples — not checked, so the run fails");
    expect(refused.stdout).toContain("  - test/documented-example: needs the variable someUser (pass it with --vars)");
    expect(lastLine(refused.stdout)).toBe("0 passed, 0 failed, 1 skipped");

    const accepted = await verifyThrough(passThrough, ["--cases", documented, "--allow-skipped-documented"]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain("Skipped documented examples (accepted with --allow-skipped-documented):");

    const skippedDerived = await verifyThrough(passThrough, ["--cases", derived]);
    expect(skippedDerived.code).toBe(0);
    expect(skippedDerived.stdout).toContain("Skipped derived cases:\n  - test/derived-rule: needs the variable someUser");
  });

  it("a case no selected check applies to is not a pass: skipped, and a documented one fails the run", async () => {
    const cases = await caseFolder({
      "a.yaml": [
        "id: test/unknown-user",
        "title: an unknown user is not found",
        "source: test",
        "operation: viewUserById",
        "tags: [documented]",
        "request: { method: GET, path: /users/no-such-user }",
        "expect: { status: 404 }",
      ].join("\n"),
    });
    const { code, stdout } = await verifyThrough(passThrough, ["--cases", cases, "--checks", "documented-values"]);
    expect(code).toBe(1);
    expect(stdout).toContain("  - test/unknown-user: none of the selected checks applies to its answers (widen --checks / --exclude-checks)");
    expect(lastLine(stdout)).toBe("0 passed, 0 failed, 1 skipped");
    const judged = await verifyThrough(passThrough, ["--cases", cases, "--checks", "status-code"]);
    expect(judged.code).toBe(0);
    expect(lastLine(judged.stdout)).toBe("1 passed, 0 failed, 0 skipped");
  });

  it("over every API, one whose cases the filter leaves out is not run; the other still is", async () => {
    const { code, stdout } = await runCli(["verify", "--case", "intercom/archive-by-id"]);
    expect(code).toBe(0);
    expect(stdout).not.toContain("dfns —");
    expect(lastLine(stdout)).toBe("1 passed, 0 failed, 0 skipped");
  });
});

describe("the warning tier", () => {
  const worded = [
    "id: test/worded-refusal",
    "title: archive without credentials, wording shown by the documents",
    "source: test",
    "operation: archiveUserByQuery",
    "tags: [derived]",
    "request: { method: DELETE, path: /users, query: { user_id: '25' }, auth: none }",
    "expect:",
    "  status: 401",
    "  values: { type: error.list, errors: [{ code: unauthorized }] }",
    "  examples: { values: { errors: [{ message: Access Token Invalid }] }, headers: { X-Documented-Example: true } }",
    "checks: [auth-required]",
  ].join("\n");
  const reword = (code: string): Mutation => async (request, forward) => {
    const response = await forward(request);
    const body = jsonOf(response);
    if (response.status !== 401 || !body) return response;
    return withJson(response, { ...body, errors: [{ ...body.errors[0], code, message: "Token is not valid" }] });
  };

  it("other wording is a warning in every report and the exit code ignores it", async () => {
    const cases = await caseFolder({ "worded.yaml": worded });
    const output = await mkdtemp(path.join(tmpdir(), "archive-kit-warnings-"));
    const { code, stdout } = await verifyThrough(reword("unauthorized"), ["--cases", cases, "--reporter", "console", "json", "junit", "--output", output]);
    expect(code).toBe(0);
    expect(stdout).toContain('⚠ Value differs from the documented example at /errors/0/message (DELETE /users?user_id=25): Received: "Token is not valid" / Expected: "Access Token Invalid"');
    expect(stdout).toContain("⚠ Header differs from the documented example at header X-Documented-Example");
    expect(stdout).toContain("⚠ 2 warnings");
    expect(stdout.trim().split("\n").slice(-3)).toEqual(["1 passed, 0 failed, 0 skipped", `report written: ${path.join(output, "archive-kit-report.json")}`, `report written: ${path.join(output, "archive-kit-junit.xml")}`]);
    const report = JSON.parse(await readFile(path.join(output, "archive-kit-report.json"), "utf8"));
    expect(report.summary).toMatchObject({ passed: 1, failed: 0, warnings: 2 });
    expect(report.runs[0].cases[0].steps[0].warnings.map((warning: { where: string }) => warning.where)).toEqual(["header X-Documented-Example", "/errors/0/message"]);
    const junit = await readFile(path.join(output, "archive-kit-junit.xml"), "utf8");
    expect(junit).toMatch(/<system-out><!\[CDATA\[[^\]]*warning: Value differs from the documented example at \/errors\/0\/message/);
    expect(junit).not.toContain("<failure");
  });

  it("a machine-readable field (the error code) stays strict", async () => {
    const cases = await caseFolder({ "worded.yaml": worded });
    const { code, stdout } = await verifyThrough(reword("token_invalid"), ["--cases", cases]);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ Value differs from the documented one at /errors/0/code (DELETE /users?user_id=25): Received: "token_invalid" / Expected: "unauthorized"');
  });
});

/** Serves the upstream under a path prefix, as a gateway would: /api/x → /x; anything else is 404. */
async function startPrefixGateway(upstream: string, prefix: string, rewriteAllow?: string) {
  const server = createServer((incoming, outgoing) => {
    const url = incoming.url ?? "/";
    if (!url.startsWith(`${prefix}/`)) {
      outgoing.writeHead(404).end();
      return;
    }
    const forwarded = httpRequest(new URL(url.slice(prefix.length), upstream), { method: incoming.method, headers: incoming.headers, agent: false }, (answer) => {
      const headers = { ...answer.headers, ...(rewriteAllow && answer.headers.allow ? { allow: rewriteAllow } : {}) };
      outgoing.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(outgoing);
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("a base URL with a path", () => {
  it("matches operations, Allow, coverage and follow-ups under the prefix", async () => {
    const gateway = await startPrefixGateway(reference.url, "/api");
    const output = await mkdtemp(path.join(tmpdir(), "archive-kit-prefix-"));
    try {
      const { code, stdout } = await runCli(["verify", "--api", "intercom", "--base-url", gateway.url, "--vars", "examples/vars.yaml", "--reporter", "console", "coverage", "--output", output], { env: INTERCOM });
      expect(stdout).toMatch(/^\d+ passed, 0 failed, 0 skipped$/m);
      expect(code).toBe(0);
      const matrix = await readFile(path.join(output, "archive-kit-coverage.md"), "utf8");
      expect(matrix).toContain("| archiveUserById (DELETE /users/{id}) | 200 | intercom/archive-by-id");
      expect(matrix).toMatch(/\| archiveUserById \(DELETE \/users\/\{id\}\) \| 404 \| .*intercom\/archive-twice/);
    } finally {
      await gateway.close();
    }
  });

  it("fails a 405 whose Allow lists the wrong methods (it used to find no methods under the prefix and pass)", async () => {
    const gateway = await startPrefixGateway(reference.url, "/api", "PUT");
    try {
      const { code, stdout } = await runCli(["verify", "--api", "intercom", "--base-url", gateway.url, "--case", "intercom/unsupported-method"], { env: INTERCOM });
      expect(code).toBe(1);
      expect(stdout).toContain("✗ Allow header omits documented methods at header Allow");
    } finally {
      await gateway.close();
    }
  });
});

describe("repeatable", () => {
  it.each([[["--vars", "examples/vars.yaml"]], [[]]])("Intercom: verify twice against one long-lived server gives the same verdict (%j)", async (flags) => {
    const server = await startReferenceServer({ api: "intercom" });
    try {
      const args = ["verify", "--api", "intercom", "--base-url", server.url, ...flags];
      const first = await runCli(args, { env: INTERCOM });
      const second = await runCli(args, { env: INTERCOM });
      expect(first.code).toBe(0);
      expect(second.code).toBe(0);
      expect(lastLine(second.stdout)).toBe(lastLine(first.stdout));
    } finally {
      await server.close();
    }
  });
});
