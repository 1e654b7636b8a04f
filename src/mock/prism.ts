import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { UserError } from "../errors.js";
import { packageRoot } from "../package-root.js";
import { assertPortFree, freePort } from "./ports.js";


/** Prism takes seconds to start on a quiet machine, and several times that on a loaded CI runner. */
const PRISM_START_TIMEOUT_MS = 120_000;
export interface PrismMockOptions {
  /** The OpenAPI document Prism serves. */
  contractFile: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Generate responses from the schemas instead of serving the documented examples. */
  dynamic?: boolean;
  /** How long to wait for Prism to listen. */
  startTimeoutMs?: number;
  /** Prism's CORS headers (any origin); on by default. */
  cors?: boolean;
  /** Receives Prism's own log, line by line, once it listens; dropped without it. */
  log?: (line: string) => void;
}

export interface PrismMock {
  url: string;
  port: number;
  close(): Promise<void>;
}

const READY = /Prism is listening on (\S+)/;

/**
 * Prism's CLI script, found only when a Prism mock starts: Prism is an optional peer dependency,
 * so nothing else in archive-kit may need it installed.
 */
function prismEntry(): string {
  const require = createRequire(import.meta.url);
  try {
    const manifest = require.resolve("@stoplight/prism-cli/package.json");
    return path.join(path.dirname(manifest), "dist", "index.js");
  } catch {
    throw new UserError(`Prism is not installed — npm install --save-dev @stoplight/prism-cli@${testedPrismVersion()}`);
  }
}

/** The Prism version archive-kit's own tests run, pinned in its devDependencies. */
function testedPrismVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { devDependencies?: Record<string, string> };
  return manifest.devDependencies?.["@stoplight/prism-cli"] ?? "5";
}

/** Starts Prism (stateless, example-driven) on a contract, as a child process. */
export async function startPrism(options: PrismMockOptions): Promise<PrismMock> {
  const entry = prismEntry();
  const host = options.host ?? "127.0.0.1";
  const port = options.port || (await freePort(host));
  await assertPortFree(host, port);

  const args = [entry, "mock", options.contractFile, "--host", host, "--port", String(port)];
  if (options.dynamic) args.push("--dynamic");
  if (options.cors === false) args.push("--no-cors");
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new UserError(`Prism did not start within ${(options.startTimeoutMs ?? PRISM_START_TIMEOUT_MS) / 1000} s — see if port ${port} is usable`));
    }, options.startTimeoutMs ?? PRISM_START_TIMEOUT_MS);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = READY.exec(output);
      if (ready) {
        clearTimeout(timer);
        // Stop collecting: the request log that follows would grow `output` for as long as Prism runs.
        child.stdout.off("data", watch);
        child.stderr.off("data", watch);
        resolve(ready[1]!);
      }
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.once("exit", (code) => {
      clearTimeout(timer);
      const last = output.trim().split("\n").pop() ?? "";
      reject(new UserError(`Prism exited (code ${code}) before listening: ${last.replace(/\s+/g, " ").slice(0, 200)}`));
    });
  });
  // Keep draining Prism's request log so its pipe never fills up, and pass it on when asked.
  if (options.log) forwardLines([child.stdout, child.stderr], options.log);
  child.stdout.resume();
  child.stderr.resume();

  return {
    url: url.replace(/\/$/, ""),
    port,
    close: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Calls `log` with each complete line the streams print from now on. */
function forwardLines(streams: NodeJS.ReadableStream[], log: (line: string) => void): void {
  for (const stream of streams) {
    let pending = "";
    stream.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) log(line.trimEnd());
    });
  }
}
