/**
 * docs/how-to/find-what-the-cases-miss.md, run as written: its shell commands (the `…` token, the port
 * and the failures folder put in), against the embedded references and against a proxy in front of
 * a reference that answers 500 to an over-long user_id; the failure lines it shows must be printed.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../src/wiring.js";
import { startMutatingProxy, type MutatingProxy } from "../../src/testing/mutating-proxy.js";
import { serverErrorOnLongUserId } from "../../src/testing/zoo/index.js";

const TOKEN = "test-only-intercom-token";
const DOC_URL = "http://127.0.0.1:8080";

const section = await readFile("docs/how-to/find-what-the-cases-miss.md", "utf8");
/** Each command of the section's `sh` blocks, continuation lines joined; the build is the test run's own. */
const commands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((block) => block[1]!.replace(/\\\n\s*/g, "").trim().split("\n"))
  .filter((command) => !command.startsWith("npm ci"));
/** The lines of the output the section shows for a failure. */
const shownFailure = /```text\n(fuzz seed[\s\S]*?)```/.exec(section)![1]!.trimEnd().split("\n");

/** A shown line as a pattern for one printed line: each `…` stands for anything. */
const shownLine = (line: string) => new RegExp(`^${line.split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "m");

function sh(command: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile("sh", ["-c", command], { env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined }, maxBuffer: 16 * 2 ** 20 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout });
    });
  });
}

let reference: ReferenceServer;
let deviating: MutatingProxy;
let failuresDir: string;
beforeAll(async () => {
  reference = await startReferenceServer({ api: "intercom", rateLimit: { limit: 1_000_000, windowSeconds: 60 } });
  deviating = await startMutatingProxy(reference.url, serverErrorOnLongUserId);
  failuresDir = path.join(await mkdtemp(path.join(tmpdir(), "archive-kit-readme-fuzz-")), "fuzz-failures");
});
afterAll(async () => {
  await deviating?.close();
  await reference?.close();
});

/** The page's text with this run's token, implementation and failures folder in place of its own. */
const filled = (text: string, baseUrl: string) => text.replaceAll("INTERCOM_TOKEN=…", `INTERCOM_TOKEN=${TOKEN}`).replaceAll(DOC_URL, baseUrl).replaceAll("fuzz-failures", failuresDir);

describe("docs: Find what the cases miss", { timeout: 180_000 }, () => {
  it("shows three commands: the embedded references, an implementation with --save-failures, and verify replaying them", () => {
    expect(commands).toHaveLength(3);
    expect(commands[0]).toMatch(/^node dist\/cli\/main\.js fuzz /);
    expect(commands[1]).toMatch(/^INTERCOM_TOKEN=… node dist\/cli\/main\.js fuzz .*--base-url http:\/\/127\.0\.0\.1:8080 .*--save-failures fuzz-failures$/);
    expect(commands[2]).toMatch(/^INTERCOM_TOKEN=… node dist\/cli\/main\.js verify .*--cases fuzz-failures /);
  });

  it("fuzzes both embedded references with no failure", async () => {
    const { code, stdout } = await sh(commands[0]!);
    expect(stdout).toMatch(/^intercom — /m);
    expect(stdout).toMatch(/^dfns — /m);
    expect(stdout.trim().split("\n").at(-1)).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/);
    expect(code).toBe(0);
  });

  it("finds the deviation it shows, prints the lines it shows, and the saved failure fails verify until the implementation is fixed", async () => {
    const fuzz = await sh(filled(commands[1]!, deviating.url));
    expect(fuzz.code).toBe(1);
    for (const line of shownFailure) expect(fuzz.stdout).toMatch(shownLine(filled(line, deviating.url)));

    const onDeviating = await sh(filled(commands[2]!, deviating.url));
    expect(onDeviating.stdout).toMatch(/✗ Server error at status \(DELETE \/users\?user_id=[^)]*\): Received: 500/);
    expect(onDeviating.code).toBe(1);
    const onFixed = await sh(filled(commands[2]!, reference.url));
    expect(onFixed.stdout.trim().split("\n").at(-1)).toBe("2 passed, 0 failed, 0 skipped");
    expect(onFixed.code).toBe(0);
  });
});
