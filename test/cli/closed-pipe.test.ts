/** A reader that stops early (`verify … | head -1`) closes the pipe: the run still ends with its verdict and its reports, and no stack trace. */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cliPath = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

describe("stdout closed by its reader", () => {
  it("drops what is left to print, writes the reports, exits with the verdict", async () => {
    const output = mkdtempSync(path.join(tmpdir(), "ak-closed-pipe-"));
    const child = spawn(process.execPath, [cliPath, "verify", "--reporter", "console", "json", "--output", output], { env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    // Like `head -1`: read the first line, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(existsSync(path.join(output, "archive-kit-report.json"))).toBe(true);
  });
});
