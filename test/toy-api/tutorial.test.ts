/**
 * docs/tutorials/add-an-api.md, run as written: each of its commands from the repository's root;
 * the mock is started, answers its first request, and stops on Ctrl+C.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { unusedPort } from "../helpers/ports.js";
import { sh } from "../helpers/shell.js";

const tutorial = await readFile("docs/tutorials/add-an-api.md", "utf8");
const commands = [...tutorial.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => block[1]!.trim().split("\n"));

describe("docs: Add an API", () => {
  it("shows the commands of each step: validate the contract, type-check the plugin, then validate, verify, fuzz and mock with it", () => {
    expect(commands).toHaveLength(6);
    expect(commands.at(-1)).toMatch(/ mock toy --stateful --port 4040$/);
  });

  it.each(commands.slice(0, -1))("%s exits 0", async (command) => {
    const { code, output } = await sh(command);
    expect(output).not.toMatch(/✗/);
    expect(code).toBe(0);
  });

  it("its mock command serves the toy until Ctrl+C", async () => {
    const port = await unusedPort();
    const child = spawn("sh", ["-c", `exec ${commands.at(-1)!.replace("4040", String(port))}`], { env: { ...process.env, NO_COLOR: "1" } });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    // Ctrl+C is pressed only once the mock says it may be (its handlers go in before that line).
    let output = "";
    await new Promise<void>((resolve) => child.stdout.on("data", (chunk: Buffer) => ((output += chunk.toString()), output.includes("Press Ctrl+C to stop.") && resolve())));
    const answer = await fetch(`http://127.0.0.1:${port}/users/u-1`, { headers: { Authorization: "Bearer test-only-toy-token" } });
    expect(answer.status).toBe(200);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});
