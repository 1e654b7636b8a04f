/**
 * Commands load only what they use (issue 14, item 8): `--version` and `mock` load no fuzzing
 * code, no conformance runner, and `mock --stateful` no Prism launcher. The built CLI runs under
 * an ES module loader hook that records every file it loads; a bundled chunk stands for the
 * modules its source map lists. Each rule is also shown to catch a command that does load what it
 * forbids.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startCli } from "../helpers/long-running-cli.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const recorder = fileURLToPath(new URL("../helpers/record-module-loads.mjs", import.meta.url));

/** What a command must not load, by the package-relative path of the module. */
const FORBIDDEN = {
  "fuzzing code": /^dist\/fuzz\//,
  "the conformance runner": /^dist\/conformance\/(runner|run-conformance|transport)\.js$/,
  "Prism's launcher": /^dist\/mock\/prism\.js$/,
} as const;
type Forbidden = keyof typeof FORBIDDEN;

let logDir: string;
let runs = 0;
beforeAll(async () => {
  logDir = await mkdtemp(path.join(tmpdir(), "archive-kit-loads-"));
});

/** An environment that records the modules the CLI loads, and the file it records them in. */
function recording(): { env: NodeJS.ProcessEnv; log: string } {
  const log = path.join(logDir, `run-${++runs}.log`);
  // Quoted: NODE_OPTIONS splits on spaces, and a checkout's path may have some.
  return { log, env: { RECORD_MODULE_LOADS: log, NODE_OPTIONS: `--import "${pathToFileURL(recorder).href}"` } };
}

/** The package-relative paths (or `node:` names) of the modules a run loaded, those of the bundled chunks included. */
async function loaded(log: string): Promise<string[]> {
  const urls = (await readFile(log, "utf8")).split("\n").filter(Boolean);
  const files = urls.map((url) => (url.startsWith("file:") ? fileURLToPath(url) : url));
  const modules = await Promise.all(files.map(async (file) => [file, ...(isBundled(file) ? await bundledSources(file) : [])]));
  return modules.flat().map((file) => (path.isAbsolute(file) ? path.relative(root, file).split(path.sep).join("/") : file));
}

/** The CLI's entry and chunks (scripts/bundle-cli.mjs), each with a source map naming what it holds. */
function isBundled(file: string): boolean {
  const relative = path.relative(root, file).split(path.sep).join("/");
  return relative === "dist/cli/main.js" || relative.startsWith("dist/cli/chunks/");
}

/** A chunk that only re-exports other chunks (its modules are theirs) has no source map. */
async function bundledSources(file: string): Promise<string[]> {
  const text = await readFile(`${file}.map`, "utf8").catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? undefined : Promise.reject(error)));
  if (text === undefined) return [];
  return (JSON.parse(text) as { sources: string[] }).sources.map((source) => path.resolve(path.dirname(file), source));
}

function loadedOf(modules: string[], what: Forbidden): string[] {
  return modules.filter((module) => FORBIDDEN[what].test(module));
}

/** The modules a CLI run that exits by itself loaded; `expectedCode` guards against a run that failed early. */
async function modulesOfRun(args: string[], expectedCode: number): Promise<string[]> {
  const { env, log } = recording();
  const result = await runCli(args, { env });
  expect(result.code, result.stderr).toBe(expectedCode);
  return loaded(log);
}

/** The modules a mock loaded by the time it announced itself ready. */
async function modulesOfMock(args: string[]): Promise<string[]> {
  const { env, log } = recording();
  const cli = await startCli(args, /Press Ctrl\+C/, { env });
  const modules = await loaded(log);
  expect(await cli.stop()).toBe(0);
  return modules;
}

describe("start-up loads only what the command uses", () => {
  it.each([["--version"], ["-V"]])("%s loads no fuzzing code, no conformance runner, no Prism launcher and no API plugin", async (flag) => {
    const modules = await modulesOfRun([flag], 0);
    expect(modules).toContain("dist/cli/main.js");
    for (const what of Object.keys(FORBIDDEN) as Forbidden[]) expect(loadedOf(modules, what), what).toEqual([]);
    expect(modules.filter((module) => module.startsWith("dist/apis/"))).toEqual([]);
  });

  it.each([["intercom"], ["dfns"]])("mock %s --stateful loads no fuzzing code, no conformance runner and no Prism launcher", async (api) => {
    const modules = await modulesOfMock(["mock", api, "--stateful", "--port", "0", "--quiet"]);
    expect(modules).toContain("dist/mock/reference.js");
    for (const what of Object.keys(FORBIDDEN) as Forbidden[]) expect(loadedOf(modules, what), what).toEqual([]);
  });

  describe("each rule catches a command that loads what it forbids", () => {
    let busy: Server;
    let busyPort: number;
    beforeAll(async () => {
      busy = createServer();
      await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
      busyPort = (busy.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

    it("fuzz loads fuzzing code and the conformance runner (before it rejects --operation without --api)", async () => {
      const modules = await modulesOfRun(["fuzz", "--operation", "archiveUser"], 2);
      expect(loadedOf(modules, "fuzzing code")).not.toEqual([]);
      expect(loadedOf(modules, "the conformance runner")).not.toEqual([]);
    });

    it("mock without --stateful loads Prism's launcher (before it finds the port taken)", async () => {
      const modules = await modulesOfRun(["mock", "intercom", "--port", String(busyPort)], 2);
      expect(loadedOf(modules, "Prism's launcher")).toEqual(["dist/mock/prism.js"]);
    });
  });
});
