/**
 * The shipped GitHub Actions example (issue 14, item 1): its shell steps, run as the runner runs
 * them (bash, expressions filled in, each matrix entry), pass against implementations that start
 * listening 3 s after `--server` starts them, and a `--server` command that cannot run ends in one
 * line with exit 2. The example's own commands run, not copies: only the installation is left out,
 * the built CLI being put on PATH in its place.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { unusedPort } from "../helpers/ports.js";
import { archiveKitOnPath, lateReferenceCommand, writeScript } from "../helpers/late-reference.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
/** A job starts a server and runs a whole verify; generous, for a loaded machine (not a measurement). */
const JOB_TEST_TIMEOUT_MS = 240_000;

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Job {
  env?: Record<string, string>;
  strategy?: { matrix: Record<string, string[]> };
  steps: Step[];
}
interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = yaml.load(readFileSync(path.join(root, "examples/github-actions/conformance.yml"), "utf8")) as Workflow;

/** The example's Dfns callers, each key inline (a file path would not travel in a secret). */
function dfnsVarsWithInlineKeys(): string {
  const vars = yaml.load(readFileSync(path.join(root, "examples/vars.yaml"), "utf8")) as { callers: Record<string, { privateKeyFile?: string; privateKey?: string }> };
  for (const caller of Object.values(vars.callers)) {
    caller.privateKey = readFileSync(path.join(root, caller.privateKeyFile!), "utf8");
    delete caller.privateKeyFile;
  }
  return yaml.dump(vars);
}

/** The secrets the example names, as the reference servers' TEST-ONLY fixtures answer them. */
const TEST_SECRETS: Record<string, string> = {
  INTERCOM_TEST_TOKEN: "test-only-intercom-token",
  DFNS_TEST_TOKEN: "test-only-dfns-admin-token",
  DFNS_TEST_CREDENTIAL_ID: "Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag",
  DFNS_TEST_PRIVATE_KEY: readFileSync(path.join(root, "fixtures/dfns/keys/admin.p256.test-only.pem"), "utf8"),
  DFNS_TEST_VARS: dfnsVarsWithInlineKeys(),
};

/** Every combination of a job's matrix values (one empty entry without a matrix). */
function matrixEntries(job: Job): Array<Record<string, string>> {
  return Object.entries(job.strategy?.matrix ?? {}).reduce<Array<Record<string, string>>>(
    (entries, [key, values]) => entries.flatMap((entry) => values.map((value) => ({ ...entry, [key]: value }))),
    [{}],
  );
}

/** `${{ … }}` filled as the runner fills it: matrix values and the test's secrets; any other expression fails the test. */
function fill(text: string, matrix: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const [scope, name = ""] = expression.split(".");
    const value = scope === "matrix" ? matrix[name] : scope === "secrets" ? TEST_SECRETS[name] : undefined;
    if (value === undefined) throw new Error(`the test does not know the expression ${expression}`);
    return value;
  });
}

const isInstall = (step: Step) => step.name === "Install archive-kit";

interface JobRun {
  job: string;
  matrix: Record<string, string>;
  /** The folder the steps ran in: the implementation's checkout. */
  repo: string;
  /** The job's URL, moved to a free port. */
  url: string;
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a job's shell steps in a fresh checkout, stopping at the first that fails, as `bash -eo
 * pipefail` with the workflow's, job's and step's env; the job's loopback URL moves to a free
 * port, and `prepare` may write the checkout's files (the implementation's start scripts) first.
 */
/** `url`: an address the test already holds; a free port is picked otherwise. */
async function runJob(name: string, matrix: Record<string, string>, prepare: (repo: string) => Promise<void>, givenUrl?: string): Promise<JobRun> {
  const job = workflow.jobs[name]!;
  const repo = await mkdtemp(path.join(tmpdir(), `ak-gha-${name}-`));
  const runnerTemp = path.join(repo, ".runner-temp");
  await mkdir(runnerTemp);
  const jobEnv = { ...job.env };
  const [urlVariable] = Object.entries(jobEnv).find(([, value]) => /^http:\/\/127\.0\.0\.1:\d+$/.test(value))!;
  const url = givenUrl ?? `http://127.0.0.1:${await unusedPort()}`;
  jobEnv[urlVariable] = url;
  const env = { ...process.env, NO_COLOR: "1", CI: "true", RUNNER_TEMP: runnerTemp, PATH: await archiveKitOnPath(runnerTemp), ...workflow.env, ...jobEnv };
  await prepare(repo);
  let output = { code: 0, stdout: "", stderr: "" };
  for (const step of job.steps.filter((step) => step.run !== undefined && !isInstall(step))) {
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, fill(value, matrix)]));
    output = await bash(fill(step.run!, matrix), repo, { ...env, ...stepEnv });
    if (output.code !== 0) break;
  }
  return { job: name, matrix, repo, url, ...output };
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The job's `verify` step: which API, the variable holding its URL, which start script. */
function verifyStep(name: string): { api: string; urlVariable: string; script: string } {
  const run = workflow.jobs[name]!.steps.find((step) => step.run?.startsWith("archive-kit verify"))!.run!;
  return { api: /--api (\w+)/.exec(run)![1]!, urlVariable: /--base-url "\$(\w+)"/.exec(run)![1]!, script: /--server (\S+)/.exec(run)![1]! };
}

/** Writes the start script the job names: the reference, listening 3 s late on the job URL's port. */
function lateImplementation(name: string) {
  return async (repo: string) => {
    const { api, urlVariable, script } = verifyStep(name);
    await mkdir(path.join(repo, path.dirname(script)), { recursive: true });
    await writeScript(path.join(repo, script), lateReferenceCommand(api, `"\${${urlVariable}##*:}"`, 3));
  };
}

function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

describe("examples/github-actions/conformance.yml", () => {
  it("installs archive-kit under the name its package declares, and runs every archive-kit command through --server", () => {
    const bin = Object.keys((JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { bin: Record<string, string> }).bin);
    for (const job of Object.values(workflow.jobs)) {
      expect(job.steps.filter(isInstall).map((step) => step.run)).toEqual(['npm install --global "$ARCHIVE_KIT"']);
      const commands = job.steps.flatMap((step) => (step.run?.startsWith("archive-kit ") ? [step.run] : []));
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) expect(command).toMatch(/--server \S+ --wait \d+/);
    }
    expect(bin).toContain("archive-kit");
    expect(workflow.env?.ARCHIVE_KIT).toMatch(/^git\+https:\/\/github\.com\/your-org\/archive-kit\.git#/);
  });

  const runs = Object.entries(workflow.jobs).flatMap(([name, job]) => matrixEntries(job).map((matrix) => ({ name, matrix })));
  it.concurrent.each(runs)("job $name $matrix passes against an implementation that starts listening 3 s late", async ({ name, matrix }) => {
    const run = await runJob(name, matrix, lateImplementation(name));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^waited \\d+\\.\\d s for ${run.url} to answer$`, "m"));
    expect(run.stdout).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/m);
    expect(run.stdout).toContain("the implementation's output (--server): reports/archive-kit-server.log");
    expect(await readFile(path.join(run.repo, "reports/archive-kit-server.log"), "utf8")).toContain(`listening on ${run.url}`);
    expect(existsSync(path.join(run.repo, "reports/archive-kit-junit.xml"))).toBe(true);
    expect(existsSync(path.join(run.repo, "reports/archive-kit-report.json"))).toBe(true);
    // Stopped with the run.
    expect(await refusesConnections(run.url)).toBe(true);
  }, JOB_TEST_TIMEOUT_MS);

  it("a --server command that cannot run ends the job in one line with exit 2, naming the log", async () => {
    // The port is held by a listener that never answers HTTP: no other test's server can take it
    // and answer in the command's place (a free port, once released, can be), so only the exit ends the wait.
    const holder = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const held = `http://127.0.0.1:${(holder.address() as AddressInfo).port}`;
    const run = await runJob("intercom", matrixEntries(workflow.jobs.intercom!)[0]!, async () => {}, held).finally(() => new Promise((resolve) => holder.close(resolve)));
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      `archive-kit: the --server command exited (code 127) before ${run.url} answered — see its output in reports/archive-kit-server.log`,
    ]);
    expect(run.stdout).not.toMatch(/✓|✗|passed/);
    expect(await readFile(path.join(run.repo, "reports/archive-kit-server.log"), "utf8")).toMatch(/start-intercom-test-server\.sh: not found|No such file/);
  }, JOB_TEST_TIMEOUT_MS);
});
