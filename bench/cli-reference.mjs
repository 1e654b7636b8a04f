// A reference server in a process of its own, started the way a user does: `archive-kit mock <api> --stateful`.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { freePort } from "../dist/mock/ports.js";

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/**
 * Starts `node <cli> mock <api> --stateful --port <free> --quiet` in `cwd` and resolves once it has
 * printed its URL and its TEST-ONLY credentials, which it returns (a key file is relative to `cwd`).
 * Intercom's rate limit is lifted (`--rate-limit`), as the embedded reference of a conformance run does.
 */
export async function startCliReference(cli, api, { cwd }) {
  const port = await freePort("127.0.0.1");
  const args = [cli, "mock", api, "--stateful", "--port", String(port), "--quiet", ...(api === "intercom" ? ["--rate-limit", "1000000000"] : [])];
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const credentials = await new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk) => {
      output += chunk;
      const line = /^TEST-ONLY credentials: (.*)$/m.exec(output)?.[1];
      if (!line) return;
      child.stdout.off("data", onData);
      child.stdout.resume(); // whatever else it prints is not kept
      // "token abc, credentialId def, privateKeyFile fixtures/…": the names the credential flags declare.
      resolve(Object.fromEntries(line.split(", ").map((pair) => pair.split(" "))));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("exit", () => reject(new Error(`the ${api} reference server exited before listening:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    credentials,
    /** The server process's CPU time so far (user + system), in ms; undefined where /proc is not there. */
    cpuMs() {
      try {
        // Fields after the command name's closing parenthesis: utime and stime are the 12th and 13th.
        const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
        return ((Number(fields[11]) + Number(fields[12])) / USER_HZ) * 1000;
      } catch {
        return undefined;
      }
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
