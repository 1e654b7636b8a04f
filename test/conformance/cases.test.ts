import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const valid = `id: mine/archive
title: Archive
source: my notes
operation: archiveUserById
tags: [derived]
request: { method: DELETE, path: /users/1 }
expect: { status: 404 }
`;

async function casesFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-cases-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe("a malformed case file is one clear line and exit code 2", () => {
  it.each([
    ["malformed YAML", { "a.yaml": "id: [\n" }, /case .*a\.yaml: malformed YAML: .* — fix the syntax/],
    ["a missing field", { "a.yaml": valid.replace("title: Archive\n", "") }, /case .*a\.yaml: not a valid case: \/ must have required property 'title' — see conformance\/case\.schema\.json/],
    ["an unknown check", { "a.yaml": `${valid}checks: [be-nice]\n` }, /case .*a\.yaml: checks names "be-nice", which is not a check a step can request — use one of auth-required, archived-stays-archived, documented-state, unsupported-method\n$/],
    ["a check a step cannot request", { "a.yaml": valid.replace("expect: { status: 404 }", "expect: { status: 404 }\nthen:\n  - request: { method: GET, path: /users/1 }\n    expect: { status: 404 }\n    checks: [response-schema]") }, /case .*a\.yaml: checks names "response-schema", which is not a check a step can request — use one of auth-required/],
    ["a request field only another API's plugin declares", { "a.yaml": valid.replace("path: /users/1 }", "path: /users/1, userAction: sign }") }, /case .*a\.yaml: not a valid case: \/request must NOT have unevaluated properties: userAction — see conformance\/case\.schema\.json/],
    ["a check only another API's plugin has", { "a.yaml": `${valid}checks: [permission-enforced]\n` }, /case .*a\.yaml: checks names "permission-enforced", which is not a check a step can request — use one of auth-required, archived-stays-archived, documented-state, unsupported-method\n$/],
    ["an unknown operation", { "a.yaml": valid.replace("archiveUserById", "archiveContact") }, /case .*a\.yaml: operation archiveContact is not in intercom\.yaml — use one of its operationIds/],
    ["a duplicate id", { "a.yaml": valid, "b.yaml": valid }, /case .*b\.yaml: id mine\/archive is already used by .*a\.yaml — give each case its own id/],
    ["a semantic check without a status", { "a.yaml": valid.replace("expect: { status: 404 }", "expect: { status: documented }\nchecks: [auth-required]") }, /case .*a\.yaml: a step names a semantic check but no status to hold it to/],
  ])("%s", async (_what, files, message) => {
    const { code, stderr, stdout } = await runCli(["verify", "--api", "intercom", "--cases", await casesFolder(files)]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a valid folder of your own cases runs", async () => {
    const { code, stdout } = await runCli(["verify", "--api", "intercom", "--cases", await casesFolder({ "a.yaml": valid })]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n").at(-1)).toBe("1 passed, 0 failed, 0 skipped");
  });
});
