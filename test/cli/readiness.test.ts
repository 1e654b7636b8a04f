/**
 * Readiness (issue 14, item 1): `--wait` polls the base URL until it answers, `--server` starts the
 * implementation and stops its whole process group however the run ends, `--max-time` bounds a
 * verify run; the vitest integration's `waitS` waits like `--wait`. Every way of not getting ready
 * is one line with exit 2. The tests of a block run at once: most of their time is spent waiting.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unusedPort } from "../helpers/ports.js";
import { runCli, type CliResult } from "../helpers/cli.js";
import { lateReferenceCommand } from "../helpers/late-reference.js";
import { REFUSING_URL } from "../helpers/refusing-url.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const env = { INTERCOM_TOKEN: "test-only-intercom-token" };
const ONE_CASE = ["--case", "intercom/archive-by-email"];
/** Starting servers and CLIs on a loaded machine: generous, not a measurement. */
const SLOW_TEST_MS = 120_000;

const localUrl = async () => `http://127.0.0.1:${await unusedPort()}`;
const tempDir = () => mkdtemp(path.join(tmpdir(), "ak-readiness-"));

/** One line on stderr, exit 2, and nothing on stdout that reads as a case or a verdict. */
function expectOneLine(result: CliResult, line: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(line);
  expect(result.stdout).not.toMatch(/✓|✗|passed/);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A --server command that also leaves a process in the background, whose pid it writes to `pidFile`: stopping the group must stop it too. */
const withBackgroundSleeper = (pidFile: string, command: string) => `sleep 600 & echo $! > '${pidFile}'; ${command}`;

/** Accepts connections and never answers. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe.concurrent("--wait", () => {
  it("waits for an implementation that starts listening 3 s late, and says how long it waited", async () => {
    const url = await localUrl();
    const late = spawn(lateReferenceCommand("intercom", new URL(url).port, 3), { shell: true, detached: true, stdio: "ignore" });
    try {
      const result = await runCli(["verify", "--api", "intercom", "--base-url", url, "--wait", "60", ...ONE_CASE], { env });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^waited \\d+\\.\\d s for ${url} to answer$`, "m"));
      expect(result.stdout).toContain("1 passed, 0 failed");
    } finally {
      process.kill(-late.pid!, "SIGKILL");
    }
  }, SLOW_TEST_MS);

  it.each(["verify", "fuzz"])("%s: a URL that never answers is one line, exit 2, naming the URL and the fix", async (command) => {
    const url = REFUSING_URL;
    const result = await runCli([command, "--api", "intercom", "--base-url", url, "--wait", "1"], { env });
    expectOneLine(result, new RegExp(`^archive-kit: ${url} did not answer within 1 s \\(connect ECONNREFUSED [^)]+\\) — start the implementation there, fix --base-url, or raise --wait$`));
  }, SLOW_TEST_MS);
});

describe.concurrent("--server", () => {
  it.each([
    ["verify", ONE_CASE, "1 passed, 0 failed"],
    ["fuzz", ["--operation", "archiveUserByQuery", "--seed", "1", "--max-examples", "3"], "4 passed, 0 failed"],
  ])("%s: starts the implementation, runs against it, then stops its whole process group; the summary names the log", async (command, selection, verdict) => {
    const [url, dir] = await Promise.all([localUrl(), tempDir()]);
    const pidFile = path.join(dir, "sleeper.pid");
    const server = withBackgroundSleeper(pidFile, lateReferenceCommand("intercom", new URL(url).port, 1));
    const result = await runCli([command, "--api", "intercom", "--base-url", url, "--server", server, "--output", dir, ...selection], { env });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(verdict);
    expect(result.stdout).toContain(`the implementation's output (--server): ${path.join(dir, "archive-kit-server.log")}`);
    expect(await readFile(path.join(dir, "archive-kit-server.log"), "utf8")).toContain(`listening on ${url}`);
    expect(isRunning(Number(readFileSync(pidFile, "utf8")))).toBe(false);
  }, SLOW_TEST_MS);

  it("a command that exits before answering is one line naming the log, which holds its output", async () => {
    const [url, dir] = await Promise.all([localUrl(), tempDir()]);
    const result = await runCli(["verify", "--api", "intercom", "--base-url", url, "--server", "echo cannot bind >&2; exit 3", "--output", dir], { env });
    expectOneLine(result, new RegExp(`^archive-kit: the --server command exited \\(code 3\\) before ${url} answered — see its output in ${path.join(dir, "archive-kit-server.log")}$`));
    expect(await readFile(path.join(dir, "archive-kit-server.log"), "utf8")).toBe("cannot bind\n");
  }, SLOW_TEST_MS);

  it("a command that never listens is one line once --wait is spent, and its process group is stopped", async () => {
    const [url, dir] = await Promise.all([localUrl(), tempDir()]);
    const pidFile = path.join(dir, "sleeper.pid");
    const result = await runCli(["verify", "--api", "intercom", "--base-url", url, "--server", withBackgroundSleeper(pidFile, "wait"), "--wait", "1", "--output", dir], { env });
    expectOneLine(result, new RegExp(`^archive-kit: the --server command did not answer at ${url} within 1 s \\([^)]+\\) — see its output in ${path.join(dir, "archive-kit-server.log")}; make it listen there, or raise --wait$`));
    expect(isRunning(Number(readFileSync(pidFile, "utf8")))).toBe(false);
  }, SLOW_TEST_MS);

  it("Ctrl+C during the run stops the implementation's process group, and no verdict is printed", async () => {
    const [url, dir] = await Promise.all([localUrl(), tempDir()]);
    const pidFile = path.join(dir, "sleeper.pid");
    // Slow answers, so that the run is still going when it is interrupted.
    const server = withBackgroundSleeper(pidFile, lateReferenceCommand("intercom", new URL(url).port, 0, ["--latency", "2000"]));
    const cli = spawn(process.execPath, [path.join(root, "dist/cli/main.js"), "verify", "--api", "intercom", "--base-url", url, "--server", server, "--output", dir], { env: { ...process.env, ...env, NO_COLOR: "1" } });
    let stdout = "";
    const started = new Promise<void>((resolve) =>
      cli.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/cases against/.test(stdout)) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => cli.once("exit", (code) => resolve(code)));
    await started;
    cli.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stdout).not.toMatch(/passed|✗/);
    expect(isRunning(Number(readFileSync(pidFile, "utf8")))).toBe(false);
  }, SLOW_TEST_MS);
});

describe.concurrent("--max-time", () => {
  it("stops a run that outlasts it with one line and exit 2: no verdict, no report", async () => {
    const [silent, dir] = await Promise.all([silentServer(), tempDir()]);
    try {
      const result = await runCli(["verify", "--api", "intercom", "--base-url", silent.url, "--timeout", "600", "--max-time", "2", "--reporter", "console", "json", "junit", "--output", dir], { env });
      expectOneLine(result, /^archive-kit: the run took longer than --max-time 2 s and was stopped, with no verdict — raise --max-time, or run fewer cases \(--shard, --tag, --case\)$/);
      expect(existsSync(path.join(dir, "archive-kit-report.json"))).toBe(false);
      expect(existsSync(path.join(dir, "archive-kit-junit.xml"))).toBe(false);
    } finally {
      await silent.close();
    }
  }, SLOW_TEST_MS);

  it("a run within it is judged as usual", async () => {
    const result = await runCli(["verify", "--api", "intercom", "--max-time", "600", ...ONE_CASE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("1 passed, 0 failed");
  }, SLOW_TEST_MS);
});

describe.concurrent("readiness usage errors", () => {
  it.each([
    [["verify", "--server", "true"], /^archive-kit: --server starts your implementation, which is verified at --base-url — add --base-url with the address it listens on$/],
    [["fuzz", "--wait", "5"], /^archive-kit: --wait waits for --base-url — add --base-url, or drop --wait \(the embedded implementation is ready when it runs\)$/],
    [["verify", "--wait", "0"], /^archive-kit: option '--wait <seconds>' argument '0' is invalid — must be a whole number of seconds from 1 to 3600$/],
    [["verify", "--max-time", "soon"], /^archive-kit: option '--max-time <seconds>' argument 'soon' is invalid — must be a whole number of seconds from 1 to 86400$/],
  ])("%j", async (args, line) => {
    expectOneLine(await runCli(args), line);
  }, SLOW_TEST_MS);
});

/** Runs test/cli/vitest-wait/, a user's suite with `waitS`, against `url`. */
function runWaitingSuite(url: string, waitS: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/vitest/vitest.mjs", "run", "--root", "test/cli/vitest-wait"],
      { cwd: root, env: { ...process.env, INTERCOM_URL: url, WAIT_S: String(waitS), NO_COLOR: "1" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe.concurrent("the vitest integration's waitS", () => {
  it("waits for an implementation that starts listening 3 s late, then runs its cases", async () => {
    const url = await localUrl();
    const late = spawn(lateReferenceCommand("intercom", new URL(url).port, 3), { shell: true, detached: true, stdio: "ignore" });
    try {
      const { code, output } = await runWaitingSuite(url, 60);
      expect(code).toBe(0);
      expect(output).toMatch(new RegExp(`archive-kit: waited \\d+\\.\\d s for ${url} to answer`));
      expect(output).toMatch(/Tests\s+1 passed \(1\)/);
    } finally {
      process.kill(-late.pid!, "SIGKILL");
    }
  }, SLOW_TEST_MS);

  it("fails the suite with the one line when the implementation never answers", async () => {
    const url = REFUSING_URL;
    const { code, output } = await runWaitingSuite(url, 1);
    expect(code).toBe(1);
    expect(output).toContain(`conformanceSuite: ${url} did not answer within 1 s (connect ECONNREFUSED`);
    expect(output).toContain("— start the implementation there, fix baseUrl, or raise waitS");
    expect(output).not.toMatch(/Tests\s+\d+ passed/);
  }, SLOW_TEST_MS);
});
