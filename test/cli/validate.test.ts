import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("archive-kit validate", () => {
  it("shows the C1 controls and DEL in what it prints escaped, as a terminal would act on them (U+009B starts a control sequence)", async () => {
    const { code, stderr } = await runCli(["validate", "--contract", "evil\u009b2J\u0085\u007f.yaml"]);
    expect(code).toBe(2);
    expect(stderr).toBe("archive-kit: contract evil\\u009b2J\\u0085\\u007f.yaml: no such file — pass the path of an OpenAPI 3.1 YAML or JSON file\n");
    expect(stderr).not.toMatch(/[\u007f-\u009f]/);
  });

  it("validates both shipped contracts and summarises each", async () => {
    const { code, stdout, stderr } = await runCli(["validate"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^intercom .*openapi\/intercom\.yaml +6 operations, \d{3} documented examples, \d+ response validators: all valid$/);
    expect(lines[1]).toMatch(/^dfns .*openapi\/dfns\.yaml +9 operations, \d{3} documented examples, \d+ response validators: all valid$/);
  });

  it("validates one API with --api", async () => {
    const { code, stdout } = await runCli(["validate", "--api", "dfns"]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([expect.stringMatching(/^dfns /)]);
  });

  it("exits 1 and names each example that does not match its schema", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "archive-kit-"));
    const file = path.join(dir, "mine.yaml");
    await writeFile(
      file,
      `openapi: 3.1.0
info: { title: mine, version: '1' }
paths:
  /users/{id}:
    delete:
      operationId: archive
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: archived
          content:
            application/json:
              schema: { type: object, required: [isActive], properties: { isActive: { type: boolean } } }
              examples: { wrong: { value: { isActive: "false" } } }
`,
    );
    const { code, stdout } = await runCli(["validate", "--contract", file]);
    expect(code).toBe(1);
    expect(stdout).toContain("1 invalid");
    expect(stdout).toContain("archive › response 200 application/json › wrong: /isActive must be boolean");
  });

  it.each([
    ["a missing contract file", ["validate", "--contract", "missing.yaml"], /^archive-kit: contract missing\.yaml: no such file — pass the path of an OpenAPI 3\.1 YAML or JSON file\n$/],
    ["an unknown flag", ["validate", "--apii", "dfns"], /^archive-kit: unknown option '--apii' — did you mean --api\?\n$/],
    ["an unknown API", ["validate", "--api", "stripe"], /^archive-kit: option '--api <name>' argument 'stripe' is invalid — use one of intercom, dfns, all\n$/],
    ["an unknown command", ["vaildate"], /^archive-kit: unknown command 'vaildate' — did you mean validate\?\n$/],
  ])("%s is a clear message and exit code 2, with no stack trace", async (_what, args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
