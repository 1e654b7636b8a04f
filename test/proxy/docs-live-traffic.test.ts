/**
 * docs/how-to/check-live-traffic.md, run as written: the mock and the proxy started with its
 * commands (free ports put in for 4010 and 4020), its curl lines sent, Ctrl+C, the output it shows
 * printed; then its two verify commands replay the recording and judge the HAR, both green.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unusedPort } from "../helpers/ports.js";
import { sh, started } from "../helpers/shell.js";

const section = await readFile("docs/how-to/check-live-traffic.md", "utf8");
const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1]!.trim().split("\n"));
const shown = /```text\n(#1[\s\S]*?)```/.exec(section)![1]!.trimEnd().split("\n");
const cli = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** A shown line as a pattern for one printed line: each `…` stands for anything. */
const shownLine = (line: string) => new RegExp(`^${line.split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "m");

describe("docs: Check live traffic", () => {
  it("shows the mock and proxy commands, three curl lines and two verify commands", () => {
    expect(blocks.map((lines) => lines.length)).toEqual([2, 3, 2]);
    expect(blocks[0]![1]).toMatch(/^node dist\/cli\/main\.js proxy --api intercom --upstream http:\/\/127\.0\.0\.1:4010 --port 4020 --record recorded --har traffic\.har /);
    expect(blocks[2]).toEqual(["node dist/cli/main.js verify --api intercom --cases recorded", "node dist/cli/main.js verify --api intercom --har traffic.har"]);
  });

  it("runs as written: the lines it shows are printed, and the recording replays green", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "archive-kit-readme-proxy-"));
    const [mockPort, proxyPort] = [await unusedPort(), await unusedPort()];
    const filled = (command: string) => command.replace("node dist/cli/main.js", `node ${cli}`).replaceAll("4010", String(mockPort)).replaceAll("4020", String(proxyPort));
    const [mockCommand, proxyCommand] = blocks[0]!.map(filled);
    const mock = await started(mockCommand!, /Press Ctrl\+C to stop/, { cwd });
    try {
      const proxy = await started(proxyCommand!, /archive-kit proxy: intercom at/, { cwd });
      for (const curl of blocks[1]!) expect((await sh(filled(curl), { cwd })).code).toBe(0);
      expect(await proxy.stop()).toBe(0);
      for (const line of shown) expect(proxy.output()).toMatch(shownLine(line));
      expect(existsSync(path.join(cwd, "reports", "archive-kit-report.html"))).toBe(true);
      for (const command of blocks[2]!) {
        const result = await sh(filled(command), { cwd });
        expect(result.stdout).toMatch(/\d+ passed, 0 failed/);
        expect(result.code).toBe(0);
      }
    } finally {
      await mock.stop();
    }
  });
});
