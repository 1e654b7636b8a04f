import { spawn } from "node:child_process";
import path from "node:path";
import { packageRoot } from "../../package-root.js";
import { startReferenceServer } from "../../wiring.js";
import { startMutatingProxy } from "../mutating-proxy.js";
import type { ZooApi, ZooEntry } from "./types.js";

/** The credentials of the references' fixtures, as a user passes them to `verify`/`fuzz --base-url`. */
const CREDENTIALS: Record<ZooApi, { env: Record<string, string>; flags: string[] }> = {
  intercom: { env: { INTERCOM_TOKEN: "test-only-intercom-token" }, flags: [] },
  dfns: {
    env: { DFNS_TOKEN: "test-only-dfns-admin-token", DFNS_CREDENTIAL_ID: "Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag" },
    flags: ["--dfns-private-key", "fixtures/dfns/keys/admin.p256.test-only.pem", "--dfns-app-id", "ap-38o5u-nsa4s-8a4ne8dcjhu2fpvt"],
  },
};

/** The seed of every zoo fuzz run: the table is one run's findings, repeatable. */
export const ZOO_SEED = 1;

export interface ToolVerdict {
  /** The CLI's exit code: 1 caught, 0 passed (2: it could not run). */
  code: number;
  /** The ids of the cases it failed. */
  failed: string[];
  /** Its last line ("12 passed, 1 failed, 0 skipped"). */
  summary: string;
}

export interface ZooRun {
  verify?: ToolVerdict;
  fuzz?: ToolVerdict;
}

function runCli(args: string[], env: Record<string, string>): Promise<ToolVerdict> {
  const root = packageRoot;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "dist", "cli", "main.js"), ...args], { cwd: root, env: { ...process.env, ...env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.resume();
    child.on("error", reject);
    child.on("close", (code) => {
      const failed = [...stdout.matchAll(/✗ ([a-z0-9-]+\/[a-z0-9-]+)/g)].map((match) => match[1]!);
      resolve({ code: code ?? -1, failed: [...new Set(failed)], summary: stdout.trim().split("\n").at(-1) ?? "" });
    });
  });
}

/**
 * Runs `verify` (the shipped cases, or those named, with examples/vars.yaml) and/or `fuzz` (seed
 * ZOO_SEED, every operation, or `--operation` the entry's own) against a fresh reference behind
 * the entry's proxy.
 */
export async function runZooEntry(entry: ZooEntry, tools: { verify?: boolean | { cases: string[] }; fuzz?: boolean | "operations"; maxExamples?: number }): Promise<ZooRun> {
  const reference = await startReferenceServer({ api: entry.api, rateLimit: { limit: 1_000_000, windowSeconds: 60 } });
  const proxy = await startMutatingProxy(reference.url, entry.mutation());
  const { env, flags } = CREDENTIALS[entry.api];
  const target = ["--api", entry.api, "--base-url", proxy.url, ...flags];
  try {
    const narrowed = [...(tools.fuzz === "operations" && entry.operations ? ["--operation", ...entry.operations] : []), ...(tools.maxExamples ? ["--max-examples", String(tools.maxExamples)] : [])];
    const [verify, fuzz] = await Promise.all([
      tools.verify ? runCli(["verify", ...target, "--vars", "examples/vars.yaml", ...(typeof tools.verify === "object" ? ["--case", ...tools.verify.cases] : [])], env) : undefined,
      tools.fuzz ? runCli(["fuzz", ...target, ...narrowed, "--seed", String(ZOO_SEED)], env) : undefined,
    ]);
    return { ...(verify ? { verify } : {}), ...(fuzz ? { fuzz } : {}) };
  } finally {
    await proxy.close();
    await reference.close();
  }
}
