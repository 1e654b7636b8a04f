import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { startMutatingProxy, type Mutation } from "../../src/testing/mutating-proxy.js";
import { ZOO } from "../../src/testing/zoo/index.js";
import { startReferenceServer } from "../../src/wiring.js";
import { runCli, type CliResult } from "./cli.js";
import { startCli } from "./long-running-cli.js";

export interface ProxySession {
  /** Everything the proxy printed, once stopped. */
  output: string;
  code: number | null;
  /** Where --record, --har and the reports went. */
  dir: string;
  recorded: string;
  har: string;
  reports: string;
}

/** A zoo entry's mutation by id: the deviating implementations the proxy must catch. */
export function zooMutation(id: string): Mutation {
  const entry = ZOO.find((item) => item.id === id);
  if (!entry) throw new Error(`no zoo entry ${id}`);
  return entry.mutation();
}

/**
 * A fresh reference of `api` (behind `mutation`, when given), `archive-kit proxy` in front of it
 * recording everything, and `drive` sending traffic to the proxy's URL; then the proxy is stopped
 * with Ctrl+C, as a user ends it.
 */
export async function throughProxy(api: string, mutation: Mutation | undefined, drive: (proxyUrl: string) => Promise<void>, extraArgs: string[] = []): Promise<ProxySession> {
  const reference = await startReferenceServer({ api });
  const mutating = mutation ? await startMutatingProxy(reference.url, mutation) : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), "archive-kit-proxy-"));
  const [recorded, har, reports] = [path.join(dir, "cases"), path.join(dir, "traffic.har"), path.join(dir, "reports")];
  try {
    const cli = await startCli(
      ["proxy", "--api", api, "--upstream", mutating?.url ?? reference.url, "--port", "0", "--record", recorded, "--har", har, "--reporter", "console", "json", "junit", "coverage", "html", "--output", reports, ...extraArgs],
      /at http:\/\/127\.0\.0\.1:\d+ →/,
    );
    const url = /at (http:\/\/127\.0\.0\.1:\d+) →/.exec(cli.banner)![1]!;
    await drive(url);
    const code = await cli.stop();
    return { output: await cli.waitForOutput(/exchanges?, \d+ failed/), code, dir, recorded, har, reports };
  } finally {
    await mutating?.close();
    await reference.close();
  }
}

/** `verify` replaying the recorded cases against a fresh reference behind the same kind of mutation. */
export async function replayRecorded(api: string, session: ProxySession, mutation: Mutation | undefined): Promise<CliResult> {
  const reference = await startReferenceServer({ api });
  const mutating = mutation ? await startMutatingProxy(reference.url, mutation) : undefined;
  try {
    const credentials = api === "intercom" ? ["--intercom-token", "test-only-intercom-token"] : DFNS_ARGS;
    return await runCli(["verify", "--api", api, "--base-url", mutating?.url ?? reference.url, "--cases", session.recorded, ...credentials]);
  } finally {
    await mutating?.close();
    await reference.close();
  }
}

export const DFNS_TOKEN = "test-only-dfns-admin-token";
export const DFNS_CREDENTIAL_ID = "Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag";
export const DFNS_KEY_FILE = "fixtures/dfns/keys/admin.p256.test-only.pem";
const DFNS_ARGS = ["--dfns-token", DFNS_TOKEN, "--dfns-credential-id", DFNS_CREDENTIAL_ID, "--dfns-private-key", DFNS_KEY_FILE];

/** Every file under a folder, with its text: what a secret must not appear in. */
export function filesUnder(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({ file, text: readFileSync(file, "utf8") }));
}

/** `verify --har` on the proxy's recording judges every exchange as the proxy did, and exits as it did. */
export async function expectSameVerdictsOffline(api: string, session: ProxySession): Promise<void> {
  const offline = path.join(session.dir, "offline");
  const judged = await runCli(["verify", "--api", api, "--har", session.har, "--reporter", "json", "--output", offline]);
  expect(judged.stderr).toBe("");
  expect(verdictsOf(path.join(offline, "archive-kit-report.json"))).toEqual(verdictsOf(path.join(session.reports, "archive-kit-report.json")));
  expect(judged.code).toBe(session.code);
}

/** Each exchange's verdict in a JSON report, by exchange number. */
function verdictsOf(jsonReport: string): Record<string, string> {
  const report = JSON.parse(readFileSync(jsonReport, "utf8")) as { runs: Array<{ cases: Array<{ id: string; status: string }> }> };
  return Object.fromEntries(report.runs.flatMap((run) => run.cases.map((item) => [item.id, item.status])));
}
