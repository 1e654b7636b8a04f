import { execFile, execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * Case files and the --vars file are read by the CLI before anything runs: whatever sits there
 * (a FIFO, a device, a directory, a huge file, a YAML alias bomb), the run ends at once with one
 * line and exit code 2. Each command runs under a deadline: a reader that blocks or expands
 * without bound shows up as a timeout here, not as a hung test run.
 */

const cliPath = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const DEADLINE_MS = 15_000;

function runCliWithin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const started = Date.now();
    execFile(process.execPath, [cliPath, ...args], { timeout: DEADLINE_MS, killSignal: "SIGKILL", env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stdout, stderr, timedOut: Date.now() - started >= DEADLINE_MS });
    });
  });
}

/** A case whose request body holds `body` (YAML text), so that templates and validation walk it. */
function caseWithBody(id: string, body: string): string {
  return [`id: test/${id}`, "title: t", "source: test", "operation: viewUserById", "tags: [derived]", "request:", "  method: GET", "  path: /users/1", "  body:", body, "expect:", "  status: 404", ""].join("\n");
}

/** Nine levels of ten aliases each: a 1 KB document that expands to a billion values. */
const BILLION_LAUGHS = ["    a0: &a0 [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, i) => `    a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`)].join("\n");
const CYCLE = "    loop: &loop [*loop]";

let root: string;
let refusing: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "archive-kit-input-files-"));
  // A loopback port nothing listens on: a run that got past its inputs would end in "cannot connect".
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  refusing = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await new Promise((resolve) => server.close(resolve));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A fresh folder holding one case file made by `make`. */
async function casesWith(name: string, make: (file: string) => Promise<unknown> | void): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir);
  await make(path.join(dir, "case.yaml"));
  return dir;
}

const mkfifo = (file: string): void => void execFileSync("mkfifo", [file]);
const bytes = (size: number) => (file: string) => writeFile(file, caseWithBody("big", `    text: "${"x".repeat(size)}"`));

describe("case files", () => {
  const files: Array<[string, (file: string) => Promise<unknown> | void, RegExp]> = [
    ["a FIFO", mkfifo, /case \S+case\.yaml: not a regular file \(a FIFO\) — case files must be plain files/],
    ["a directory", (file) => mkdir(file), /case \S+case\.yaml: not a regular file \(a directory\) — case files must be plain files/],
    ["a symlink to a device", (file) => symlink("/dev/zero", file), /case \S+case\.yaml: not a regular file \(a device\) — case files must be plain files/],
    [
      "a symlink to a FIFO",
      async (file) => {
        mkfifo(`${file}.fifo`);
        await symlink(`${file}.fifo`, file);
      },
      /case \S+case\.yaml: not a regular file \(a FIFO\) — case files must be plain files/,
    ],
    ["a dangling symlink", (file) => symlink(path.join(root, "nowhere"), file), /case \S+case\.yaml: no such file — remove the dangling link or restore its file/],
    ["larger than 1 MiB", bytes(2 * 1024 * 1024), /case \S+case\.yaml: larger than 1 MiB — split it into smaller cases/],
    ["a billion laughs", (file) => writeFile(file, caseWithBody("laughs", BILLION_LAUGHS)), /case \S+case\.yaml: expands to more than 100000 values \(each use of an alias counts\) — write the values out instead of nesting aliases/],
    ["an alias that contains itself", (file) => writeFile(file, caseWithBody("cycle", CYCLE)), /case \S+case\.yaml: expands to more than 100000 values/],
  ];

  it.each(files)("%s: exit 2, one line, at once", async (name, make, message) => {
    const dir = await casesWith(name.replace(/\W+/g, "-"), make);
    const { code, stdout, stderr, timedOut } = await runCliWithin(["verify", "--api", "intercom", "--base-url", refusing, "--intercom-token", "t", "--cases", dir]);
    expect(timedOut).toBe(false);
    expect(stderr).toMatch(new RegExp(`^archive-kit: ${message.source}[^\\n]*\\n$`));
    expect(code).toBe(2);
    expect(stdout).toBe("");
  });

  it("a case file just under 1 MiB is read", async () => {
    const dir = await casesWith("just-under", bytes(1024 * 1024 - 1024));
    const { code, stderr } = await runCliWithin(["verify", "--api", "intercom", "--base-url", refusing, "--intercom-token", "t", "--cases", dir]);
    expect(stderr).toBe(`archive-kit: cannot connect to ${refusing} — start the implementation or fix --base-url\n`);
    expect(code).toBe(2);
  });
});

describe("the --vars file", () => {
  const files: Array<[string, (file: string) => Promise<unknown> | void, RegExp]> = [
    ["a FIFO", mkfifo, /--vars \S+vars\.yaml: not a regular file \(a FIFO\) — pass a plain file/],
    ["a directory", (file) => mkdir(file), /--vars \S+vars\.yaml: not a regular file \(a directory\) — pass a plain file/],
    ["a symlink to a device", (file) => symlink("/dev/zero", file), /--vars \S+vars\.yaml: not a regular file \(a device\) — pass a plain file/],
    ["larger than 1 MiB", (file) => writeFile(file, `big: "${"x".repeat(2 * 1024 * 1024)}"\n`), /--vars \S+vars\.yaml: larger than 1 MiB — write a YAML mapping of names to values/],
    ["a billion laughs", (file) => writeFile(file, `laughs:\n${BILLION_LAUGHS}\n`), /--vars \S+vars\.yaml: expands to more than 100000 values \(each use of an alias counts\) — write the values out instead of nesting aliases/],
  ];

  it.each(files)("%s: exit 2, one line, at once", async (name, make, message) => {
    const dir = path.join(root, `vars-${name.replace(/\W+/g, "-")}`);
    await mkdir(dir);
    const file = path.join(dir, "vars.yaml");
    await make(file);
    const { code, stdout, stderr, timedOut } = await runCliWithin(["verify", "--api", "intercom", "--base-url", refusing, "--intercom-token", "t", "--vars", file]);
    expect(timedOut).toBe(false);
    expect(stderr).toMatch(new RegExp(`^archive-kit: ${message.source}[^\\n]*\\n$`));
    expect(code).toBe(2);
    expect(stdout).toBe("");
  });
});

describe("--timeout", () => {
  it.each(["3000000", "3601", "0", "1.5"])("%s seconds is refused with one line and exit 2", async (seconds) => {
    const { code, stderr } = await runCliWithin(["verify", "--api", "intercom", "--base-url", refusing, "--timeout", seconds]);
    expect(stderr).toBe(`archive-kit: option '--timeout <seconds>' argument '${seconds}' is invalid — must be a whole number of seconds from 1 to 3600\n`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(2);
  });

  it("3600 seconds is accepted", async () => {
    const { code, stderr } = await runCliWithin(["verify", "--api", "intercom", "--base-url", refusing, "--intercom-token", "t", "--case", "intercom/archive-without-credentials", "--timeout", "3600"]);
    expect(stderr).toBe(`archive-kit: cannot connect to ${refusing} — start the implementation or fix --base-url\n`);
    expect(code).toBe(2);
  });
});
