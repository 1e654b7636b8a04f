import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startReferenceServer } from "../../src/index.js";
import { jsonOf, pathOf, startMutatingProxy, withJson, type Mutation } from "../../src/testing/mutating-proxy.js";
import { runCli, type CliResult } from "./cli.js";

export const TOKEN = "test-only-intercom-token";
/** What a hostile implementation puts in a field a report prints: it must stay text. */
export const HOSTILE = "</script><script>alert(1)</script>";
/** The cases the failing run verifies: archive-by-id fails, the others pass. */
export const CASES = ["intercom/archive-by-*"];

/**
 * An archive by id answered with the hostile text as the user's name (a failure), 1 MiB of padding
 * (a body the engine caps) and without a rate-limit header the documents only show (a warning).
 */
const hostileArchive: Mutation = async (request, forward) => {
  const response = await forward(request);
  if (request.method !== "DELETE" || !/^\/users\/[^/]+$/.test(pathOf(request)) || response.status !== 200) return response;
  const { "x-ratelimit-limit": _dropped, ...headers } = response.headers;
  return { ...withJson(response, { ...jsonOf(response), name: HOSTILE, padding: "x".repeat(1024 * 1024) }), headers };
};

export interface FailingReport {
  run: CliResult;
  output: string;
  html: string;
  /** The JSON report of the same run, to compare with. */
  json: any;
}

/** `verify --reporter html json` of the archive-by cases against the reference behind the hostile proxy. */
export async function failingReport(): Promise<FailingReport> {
  const reference = await startReferenceServer({ api: "intercom" });
  const proxy = await startMutatingProxy(reference.url, hostileArchive);
  const output = await mkdtemp(path.join(tmpdir(), "archive-kit-html-"));
  try {
    const run = await runCli(["verify", "--api", "intercom", "--base-url", proxy.url, "--case", ...CASES, "--reporter", "console", "html", "json", "--output", output], { env: { INTERCOM_TOKEN: TOKEN } });
    const html = await readFile(path.join(output, "archive-kit-report.html"), "utf8");
    const json = JSON.parse(await readFile(path.join(output, "archive-kit-report.json"), "utf8"));
    return { run, output, html, json };
  } finally {
    await proxy.close();
    await reference.close();
  }
}
