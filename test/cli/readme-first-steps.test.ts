/**
 * The README's "First steps", run as written (ports, the token, the implementation and the
 * folders put in): the mock serves and stops on Ctrl+C; verify and fuzz pass an implementation;
 * the proxy judges what passes through it and records it.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unusedPort } from "../helpers/ports.js";
import { startReferenceServer, type ReferenceServer } from "../../src/wiring.js";
import { sh, started } from "../helpers/shell.js";

const TOKEN = "test-only-intercom-token";
const readme = await readFile("README.md", "utf8");
const section = /\n## First steps\n([\s\S]*?)\n## /.exec(readme)![1]!;
const [mockBlock, backendBlock, proxyBlock] = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1]!.trim().split("\n"));
const cli = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const cwd = mkdtempSync(path.join(tmpdir(), "archive-kit-first-steps-"));

let implementation: ReferenceServer;
beforeAll(async () => (implementation = await startReferenceServer({ api: "intercom", rateLimit: { limit: 1_000_000, windowSeconds: 60 } })));
afterAll(() => implementation.close());

const filled = (command: string, ports: Record<string, string>) =>
  Object.entries(ports).reduce((text, [from, to]) => text.replaceAll(from, to), command.replace("node dist/cli/main.js", `node ${cli}`).replaceAll("INTERCOM_TOKEN=…", `INTERCOM_TOKEN=${TOKEN}`));

const headers = { Authorization: `Bearer ${TOKEN}`, Accept: "application/json" };

describe("README: First steps", () => {
  it("the frontend's mock serves the stateful Intercom and stops on Ctrl+C", async () => {
    const port = String(await unusedPort());
    const mock = await started(filled(mockBlock![0]!, { "4010": port }), /Press Ctrl\+C to stop/, { cwd });
    expect((await fetch(`http://127.0.0.1:${port}/users?user_id=25`, { method: "DELETE", headers })).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/users?user_id=25`, { headers })).status).toBe(404);
    expect(await mock.stop()).toBe(0);
  });

  it("the backend's verify and fuzz pass an implementation that conforms", async () => {
    const port = new URL(implementation.url).port;
    expect(backendBlock).toHaveLength(2);
    for (const command of backendBlock!) {
      const { code, output } = await sh(filled(command, { "8080": port }), { cwd });
      expect(output).toMatch(/\d+ passed, 0 failed/);
      expect(code).toBe(0);
    }
  });

  it("the proxy judges what passes through and records it", async () => {
    const port = String(await unusedPort());
    const proxy = await started(filled(proxyBlock![0]!, { "http://127.0.0.1:4010": implementation.url, "4020": port }), /archive-kit proxy: intercom at/, { cwd });
    expect((await fetch(`http://127.0.0.1:${port}/users/5714dd359a3fd47136000001`, { headers })).status).toBe(200);
    expect(await proxy.stop()).toBe(0);
    expect(proxy.output()).toMatch(/^1 exchange, 0 failed, 0 warnings/m);
    expect(existsSync(path.join(cwd, "traffic.har"))).toBe(true);
    expect(existsSync(path.join(cwd, "recorded"))).toBe(true);
  });
});
