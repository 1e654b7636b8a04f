import { execFile, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The package as a user gets it: `npm pack` of the built tree, installed from the tarball into an
 * empty project with the optional peers (Prism, vitest) left out, then used through its bin and
 * its type declarations. Slow (npm pack, an npm install that may ask the registry, three tsc
 * runs), so it runs with `npm run test:package` (vitest.package.config.ts), not in `npm test`.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const npm = (args: string[], cwd: string) => run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, env: { ...process.env, npm_config_update_notifier: "false" } });
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");

let project: string;
let bin: string;

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), "archive-kit-packed-"));
  // The suite's build is what gets packed: --ignore-scripts skips the `prepare` rebuild.
  const { stdout } = await npm(["pack", "--ignore-scripts", "--json", "--pack-destination", project], root);
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  await writeFile(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  await npm(["install", "--prefer-offline", "--omit=peer", path.join(project, filename)], project);
  bin = path.join(project, "node_modules", ".bin", "archive-kit");
}, 120_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(bin, args, { cwd: project, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the packed package installed without its optional peers", () => {
  it("leaves Prism out", async () => {
    expect(await readdir(path.join(project, "node_modules"))).not.toContain("@stoplight");
  });

  it("runs --version, validate and verify from its bin", async () => {
    const { version } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version: string };
    expect(await cli(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect(await cli(["validate"])).toMatchObject({ code: 0, stderr: "" });
    expect(await cli(["verify", "--api", "intercom", "--tag", "documented"])).toMatchObject({ code: 0, stderr: "" });
  });

  it("says how to add Prism when a Prism mock is asked for", async () => {
    expect(await cli(["mock", "intercom"])).toEqual({ code: 2, stdout: "", stderr: expect.stringMatching(/^archive-kit: Prism is not installed — npm install --save-dev @stoplight\/prism-cli@\S+\n$/) });
  });

  describe("type declarations", () => {
    beforeAll(async () => {
      // archive-kit/vitest is for projects that have vitest: link this repository's copy in.
      await symlink(path.join(root, "node_modules", "vitest"), path.join(project, "node_modules", "vitest"));
      await mkdir(path.join(project, "src"));
      await writeFile(
        path.join(project, "src", "uses-archive-kit.ts"),
        `import { createDfnsClient, createIntercomClient, createKeySigner, type IntercomComponents } from "archive-kit";
import { conformanceSuite } from "archive-kit/vitest";

const intercom = createIntercomClient({ baseUrl: "http://127.0.0.1:4010", token: "t" });
export const archived = intercom.DELETE("/users", { params: { query: { user_id: "25" } } });
const signer = createKeySigner({ credId: "c", privateKey: "-----BEGIN PRIVATE KEY-----" });
export const dfns = createDfnsClient({ baseUrl: "http://127.0.0.1:4011", token: "t", signer });
// @ts-expect-error the contract has no such path
export const wrong = intercom.DELETE("/people", {});
export type User = IntercomComponents["schemas"];
export const register: (options: { api: "intercom"; baseUrl: string }) => void = conformanceSuite;
`,
      );
    });

    it.each([
      ["node16", { module: "node16", moduleResolution: "node16" }],
      ["bundler", { module: "esnext", moduleResolution: "bundler" }],
      ["node (node10)", { module: "commonjs", moduleResolution: "node" }],
    ])("resolve under moduleResolution %s", async (_name, options) => {
      const config = `tsconfig.${options.moduleResolution}.json`;
      const compilerOptions = { ...options, target: "es2022", strict: true, noEmit: true, skipLibCheck: true, types: ["node"], typeRoots: [path.join(root, "node_modules", "@types")] };
      await writeFile(path.join(project, config), JSON.stringify({ compilerOptions, include: ["src"] }));
      const result = await run(process.execPath, [tsc, "-p", config], { cwd: project }).then(
        () => "",
        (error: { stdout: string }) => error.stdout,
      );
      expect(result).toBe("");
    });
  });
});

/**
 * docs/tutorials/add-an-api.md followed outside the repository: its worked example, as the
 * package ships it, copied into the consumer project, and each of the tutorial's commands run
 * there with the installed bin in place of `node dist/cli/main.js`.
 */
describe("the add-an-API tutorial, outside the repository, against the packed package", () => {
  const steps: string[] = [];
  beforeAll(async () => {
    await cp(path.join(project, "node_modules", "archive-kit", "examples", "toy-api"), path.join(project, "examples", "toy-api"), { recursive: true });
    // What the tutorial has a contributor install beside archive-kit to type-check: this repository's copies.
    await mkdir(path.join(project, "node_modules", "@types"), { recursive: true });
    await symlink(path.join(root, "node_modules", "@types", "node"), path.join(project, "node_modules", "@types", "node")).catch(() => undefined);
    const tutorial = await readFile(path.join(root, "docs", "tutorials", "add-an-api.md"), "utf8");
    steps.push(...[...tutorial.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => block[1]!.trim().split("\n")));
  });
  const inProject = (command: string) => command.replace("node dist/cli/main.js", bin).replace("npx tsc", `${process.execPath} ${tsc}`);
  const sh = (command: string) => run("sh", ["-c", command], { cwd: project, env: { ...process.env, NO_COLOR: "1" } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: `${error.stdout}${error.stderr}` }),
  );

  it("validates the contract, type-checks the plugin, and validate, verify and fuzz pass with it", async () => {
    expect(steps).toHaveLength(6);
    for (const step of steps.slice(0, -1)) expect(await sh(inProject(step)), step).toMatchObject({ code: 0 });
  });

  it("serves it with mock --stateful until Ctrl+C", async () => {
    const child = spawn("sh", ["-c", `exec ${inProject(steps.at(-1)!).replace("4040", "0")}`], { cwd: project, env: { ...process.env, NO_COLOR: "1" } });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const url = await new Promise<string>((resolve) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        // Ctrl+C is pressed only once the mock says it may be (its handlers go in before that line).
        const found = /listening on (http:\/\/\S+)[\s\S]*Press Ctrl\+C to stop\./.exec(output);
        if (found) resolve(found[1]!);
      });
    });
    expect((await fetch(`${url}/users/u-1`, { headers: { Authorization: "Bearer test-only-toy-token" } })).status).toBe(200);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});
