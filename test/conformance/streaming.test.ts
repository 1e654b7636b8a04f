import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cliPath = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** A server that answers the preflight's read (a user nobody has), then never answers again. */
async function silentServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url !== "/users/archive-kit-preflight") return;
    response.writeHead(404, { "content-type": "application/json" });
    response.end(JSON.stringify({ type: "error.list", errors: [{ code: "not_found", message: "User Not Found" }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("the console streams each case as it finishes", () => {
  it("prints each timed-out case while the run goes on, before the process exits", async () => {
    const { url, server } = await silentServer();
    try {
      const child = spawn(process.execPath, [cliPath, "verify", "--api", "intercom", "--base-url", url, "--timeout", "1", "--case", "intercom/archive-by-*"], {
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, INTERCOM_TOKEN: "test-only-intercom-token" },
      });
      let stdout = "";
      let exited = false;
      // For each case line: whether the process was still running when it arrived.
      const caseLines: Array<{ line: string; whileRunning: boolean }> = [];
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk;
        for (const line of chunk.split("\n")) if (/^ {4}✗ intercom\//.test(line)) caseLines.push({ line, whileRunning: !exited });
      });
      let stderr = "";
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => (stderr += chunk));
      child.on("exit", () => (exited = true));
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(caseLines.map((item) => /^ {4}✗ (\S+)/.exec(item.line)?.[1])).toEqual(["intercom/archive-by-email", "intercom/archive-by-id", "intercom/archive-by-numeric-user-id", "intercom/archive-by-user-id"]);
      expect(caseLines.every((item) => item.whileRunning)).toBe(true);
      expect(caseLines[0]!.line).toContain("no complete response within 1 s");
      // Plain lines in a pipe: no progress counter, no cursor control.
      expect(stdout + stderr).not.toMatch(/\x1b|\r|\[\d+\/\d+\]/);
      // Reached (the preflight was answered), then silent: a verdict, every case failed.
      expect(code).toBe(1);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
