/**
 * Issue 14, item 5: every failure `fuzz --save-failures` saves is a case the printed replay line
 * runs — failing against the implementation it was found on, passing against the reference — and
 * saving never writes through a symbolic link.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseResult } from "../../src/conformance/types.js";
import { startReferenceServer } from "../../src/wiring.js";
import { runCli } from "../helpers/cli.js";
import { REFERENCE_CREDENTIALS } from "./reference-credentials.js";

/** A server answering 200 `{}` to everything: nothing it says is what the contracts document. */
let agreeable: Server;
let agreeableUrl: string;
beforeAll(async () => {
  agreeable = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
  });
  await new Promise<void>((resolve) => agreeable.listen(0, "127.0.0.1", resolve));
  agreeableUrl = `http://127.0.0.1:${(agreeable.address() as AddressInfo).port}`;
});
afterAll(async () => {
  agreeable.closeAllConnections();
  await new Promise((resolve) => agreeable.close(resolve));
});

const tempDir = (name: string) => mkdtemp(path.join(tmpdir(), `archive-kit-${name}-`));

/** The printed replay command's arguments (after `archive-kit`), split as the shell would split these plain words. */
function replayArguments(stdout: string): string[] {
  const line = /replay: archive-kit (verify .*)$/m.exec(stdout)?.[1];
  expect(line, stdout.slice(-2000)).toBeDefined();
  return line!.split(" ");
}

/** Runs `verify` with the replay line's arguments and a JSON report; its cases. */
async function replay(api: "intercom" | "dfns", args: string[]): Promise<{ code: number; cases: CaseResult[] }> {
  const output = await tempDir("replay-report");
  const { code } = await runCli([...args, "--reporter", "console", "json", "--output", output], { env: REFERENCE_CREDENTIALS[api].env });
  const report = JSON.parse(await readFile(path.join(output, "archive-kit-report.json"), "utf8")) as { runs: Array<{ cases: CaseResult[] }> };
  return { code, cases: report.runs.flatMap((run) => run.cases) };
}

describe.each(["intercom", "dfns"] as const)("%s: fuzz --save-failures against a server answering 200 {} to everything", { timeout: 600_000 }, (api) => {
  it("saves failures whose printed replay line runs every one and fails it, and which all pass against the reference", async () => {
    const dir = path.join(await tempDir("saved"), "failures");
    const { env, flags } = REFERENCE_CREDENTIALS[api];
    const fuzz = await runCli(["fuzz", "--api", api, "--base-url", agreeableUrl, ...flags, "--seed", "3", "--max-examples", "5", "--include-permanent-delete", "--save-failures", dir], { env });
    expect(fuzz.code).toBe(1);
    const saved = await readdir(dir);
    expect(saved.length).toBeGreaterThan(10);
    const args = replayArguments(fuzz.stdout);
    if (api === "intercom") expect(args).toContain("--include-permanent-delete");

    const onAgreeable = await replay(api, args);
    expect(onAgreeable.cases).toHaveLength(saved.length);
    expect(onAgreeable.cases.filter((item) => item.status !== "failed").map((item) => `${item.id} ${item.status} ${item.reason ?? ""}`)).toEqual([]);
    expect(onAgreeable.code).toBe(1);

    const reference = await startReferenceServer({ api, rateLimit: { limit: 1_000_000, windowSeconds: 60 } });
    try {
      const onReference = await replay(api, args.map((arg) => (arg === agreeableUrl ? reference.url : arg)));
      expect(onReference.cases).toHaveLength(saved.length);
      expect(onReference.cases.filter((item) => item.status !== "passed").map((item) => `${item.id} ${item.status} ${item.reason ?? ""}`)).toEqual([]);
      expect(onReference.code).toBe(0);
    } finally {
      await reference.close();
    }
  });
});

describe("--save-failures and symbolic links", { timeout: 300_000 }, () => {
  const fuzzInto = (dir: string) =>
    runCli(["fuzz", "--api", "intercom", "--base-url", agreeableUrl, "--operation", "viewUserById", "--seed", "1", "--max-examples", "3", "--save-failures", dir], { env: REFERENCE_CREDENTIALS.intercom.env });

  it("refuses a folder that is a symbolic link, in one line with exit 2, before anything is sent", async () => {
    const root = await tempDir("symlinked-dir");
    await mkdir(path.join(root, "elsewhere"));
    await symlink(path.join(root, "elsewhere"), path.join(root, "failures"));
    const { code, stdout, stderr } = await fuzzInto(path.join(root, "failures"));
    expect(stderr).toMatch(/^archive-kit: --save-failures .*failures is a symbolic link, which archive-kit never writes through — /);
    expect(stdout).not.toMatch(/✗/);
    expect(await readdir(path.join(root, "elsewhere"))).toEqual([]);
    expect(code).toBe(2);
  });

  it("writes no file through a link at a saved failure's name, and says so; an earlier run's file is replaced", async () => {
    const dir = await tempDir("symlinked-file");
    const first = await fuzzInto(dir);
    expect(first.code).toBe(1);
    const [linked, replaced] = (await readdir(dir)).sort();
    expect(replaced).toBeDefined();
    const victim = path.join(await tempDir("victim"), "victim.txt");
    await writeFile(victim, "untouched\n");
    await writeFile(path.join(dir, replaced!), "an earlier run's file\n");
    await rm(path.join(dir, linked!));
    await symlink(victim, path.join(dir, linked!));

    const second = await fuzzInto(dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(`not saved: ${path.join(dir, linked!)} is a symbolic link, which archive-kit never writes through`);
    expect(await readFile(victim, "utf8")).toBe("untouched\n");
    expect(await readFile(path.join(dir, replaced!), "utf8")).toMatch(/^id: intercom\//);
  });
});
