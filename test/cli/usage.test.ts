import { execFile, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version: string; devDependencies: Record<string, string> };

describe("archive-kit --version", () => {
  it.each([["--version"], ["-V"]])("%s prints the package.json version and exits 0", async (flag) => {
    expect(await runCli([flag])).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: "" });
  });
});

describe("argument-parser errors", () => {
  it.each([
    [["mock"], "archive-kit: missing required argument 'api' — see archive-kit mock --help"],
    [["mock", "intercom", "dfns"], "archive-kit: too many arguments for 'mock'. Expected 1 argument but got 2 — see archive-kit mock --help"],
    [["verify", "--frobnicate"], "archive-kit: unknown option '--frobnicate' — see archive-kit verify --help"],
    [["verify", "--timeout"], "archive-kit: option '--timeout <seconds>' argument missing — see archive-kit verify --help"],
    [["--frobnicate"], "archive-kit: unknown option '--frobnicate' — see archive-kit --help"],
    [["frobnicate"], "archive-kit: unknown command 'frobnicate' — see archive-kit --help"],
    [["verfy"], "archive-kit: unknown command 'verfy' — did you mean verify?"],
    [["mock", "intercom", "--statefull"], "archive-kit: unknown option '--statefull' — did you mean --stateful?"],
    [["verify", "--concurrency", "0"], "archive-kit: option '--concurrency <n>' argument '0' is invalid — must be a whole number of 1 or more"],
    [["verify", "--target", "vendor"], "archive-kit: option '--target <target>' argument 'vendor' is invalid — use one of reference, prism"],
  ])("%j is exactly one line on stderr, exit 2", async (args, line) => {
    expect(await runCli(args)).toEqual({ code: 2, stdout: "", stderr: `${line}\n` });
  });
});

/**
 * The built CLI run from a copy of the package whose node_modules holds every dependency but
 * Prism, as an install that left out the optional peer does.
 */
describe("without Prism installed", () => {
  let dir: string;
  let cli: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "archive-kit-no-prism-"));
    // dist/ is copied, not linked: Node resolves a linked module from its real folder, which has Prism.
    await cp(path.join(root, "dist"), path.join(dir, "dist"), { recursive: true });
    await cp(path.join(root, "package.json"), path.join(dir, "package.json"));
    for (const folder of ["openapi", "fixtures", "conformance"]) await symlink(path.join(root, folder), path.join(dir, folder));
    await mkdir(path.join(dir, "node_modules"));
    for (const entry of await readdir(path.join(root, "node_modules"))) {
      if (entry === "@stoplight" || entry === ".bin") continue;
      await symlink(path.join(root, "node_modules", entry), path.join(dir, "node_modules", entry));
    }
    cli = path.join(dir, "dist", "cli", "main.js");
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const runCopy = (args: string[]) =>
    new Promise<CliResult>((resolve) => {
      execFile(process.execPath, [cli, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      });
    });

  const prismMissing = `archive-kit: Prism is not installed — npm install --save-dev @stoplight/prism-cli@${manifest.devDependencies["@stoplight/prism-cli"]}\n`;

  it.each([
    [["mock", "intercom"]],
    [["mock", "dfns", "--dynamic", "--port", "0"]],
    [["verify", "--api", "intercom", "--target", "prism"]],
  ])("%j says in one line how to add Prism, exit 2", async (args) => {
    expect(await runCopy(args)).toEqual({ code: 2, stdout: "", stderr: prismMissing });
  });

  it("mock --stateful starts without Prism", async () => {
    const child = spawn(process.execPath, [cli, "mock", "intercom", "--stateful", "--port", "0", "--quiet"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const listening = await new Promise<boolean>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (/listening on http:\/\/\S+/.test(output)) resolve(true);
      });
      child.once("exit", () => resolve(false));
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    expect(listening, output).toBe(true);
  });

  it("verify against the embedded reference passes without Prism", async () => {
    const { code, stderr } = await runCopy(["verify", "--api", "intercom", "--tag", "documented"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
