import { mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { declaredCredentials, secretCredentialValues, type CredentialDeclaration } from "../../conformance/credentials.js";
import { createRedactor } from "../../conformance/redact.js";
import { loadContract } from "../../contract/index.js";
import { UserError } from "../../errors.js";
import { openRecorder } from "../../fuzz/record.js";
import type { PluginRegistry } from "../../plugin-registry.js";
import { createReporters, type ReporterName } from "../../reporters/index.js";
import { clearReports } from "../../reporters/write-report.js";
import { trafficChecksOf } from "../../wiring.js";
import type { Io } from "../io.js";
import { checkBaseUrl, flagsOf } from "./verify.js";

export interface ProxyCliOptions {
  api: string;
  upstream: string;
  port: number;
  host: string;
  allowRemote?: boolean;
  checks?: string[];
  excludeChecks?: string[];
  reporter: ReporterName[];
  output: string;
  duration?: number;
  maxRequests?: number;
  mode: "observe" | "enforce";
  enforce?: "requests" | "responses" | "both";
  record?: string;
  har?: string;
  timeout: number;
  [credentialFlag: string]: unknown;
}

/** 0: every exchange conformed; 1: one failed; 2: a usage error, or nothing was judged. */
export async function proxyCommand(apis: PluginRegistry, options: ProxyCliOptions, io: Io): Promise<number> {
  const plugin = apis.get(options.api);
  checkBaseUrl(options.upstream, options, "--upstream", "the proxy forwards real traffic to it");
  if (options.enforce && options.mode !== "enforce") throw new UserError("--enforce applies to --mode enforce — add --mode enforce, or drop --enforce");
  const enforced = options.mode === "enforce" ? (options.enforce ?? "both") : undefined;
  const checks = trafficChecksOf(plugin, { checks: options.checks, excludeChecks: options.excludeChecks });
  const secrets = secretsOf(plugin.conformance.credentials, flagsOf(apis, options));
  const contract = await loadContract(plugin.contractFile);
  const fileReporters = options.reporter.filter((name) => name !== "console");
  if (fileReporters.length > 0) {
    await clearReports(options.output);
    await mkdir(options.output, { recursive: true });
  }
  const har = options.har ? await openRecorder(options.har, createRedactor(), "--har") : undefined;
  const fixtures = plugin.loadFixtures(plugin.fixturesDir, contract);
  const { api: refusals } = plugin.reference.create(contract, fixtures, { now: Date.now, settings: {} });
  const { runProxySession } = await import("../../proxy/session.js");
  const ended = endingSignal(options.duration);
  const session = await runProxySession(
    {
      api: plugin.name,
      plugin,
      contract,
      upstream: new URL(options.upstream),
      host: options.host,
      port: options.port,
      checks,
      enforce: { requests: enforced === "requests" || enforced === "both", responses: enforced === "responses" || enforced === "both" },
      secrets,
      timeoutMs: options.timeout * 1000,
      refusals,
      write: io.out,
      reporters: createReporters(fileReporters, { outputDir: options.output, write: io.out }),
      ...(har ? { har } : {}),
      ...(options.maxRequests !== undefined ? { maxRequests: options.maxRequests } : {}),
      ended: ended.promise,
    },
    contract,
  );
  ended.dispose();
  if (har) io.out(`HAR: ${await har.close()} exchanges written to ${options.har}`);
  if (options.record) {
    const { recordCases } = await import("../../proxy/record-cases.js");
    const written = await recordCases(options.record, session.kept, { plugin, contract });
    io.out(`recorded ${written.cases} case file${written.cases === 1 ? "" : "s"} to ${options.record}${written.left.length > 0 ? `; not recorded: ${written.left.join("; ")}` : ""}`);
  }
  if (session.exchanges === 0) throw new UserError(`no request came through the proxy (ended by ${session.why}): nothing was judged — send the traffic to the proxy's address, not to the upstream`);
  if (session.reachedUpstream === 0 && session.kept.every((exchange) => exchange.answeredBy === "proxy" && !exchange.result.steps[0]?.exchange.response)) {
    throw new UserError(`the upstream ${new URL(options.upstream).origin} never answered: nothing was judged — start it, or fix --upstream`);
  }
  if (session.failed === 0 && session.unchecked === session.exchanges) {
    throw new UserError(`no selected check applied to any of the ${session.exchanges} exchanges: nothing was judged — widen --checks or drop --exclude-checks`);
  }
  return session.failed > 0 ? 1 : 0;
}

/** The secret credentials given as flags or variables (a key file's content too): masked wherever the traffic echoes them. */
function secretsOf(declarations: readonly CredentialDeclaration[], flags: Record<string, string | undefined>): string[] {
  const optional = declarations.map((declaration) => ({ ...declaration, required: undefined }));
  const credentials = declaredCredentials("proxy", optional, flags, process.env);
  const files = declarations.flatMap((declaration) => {
    const file = declaration.secret && declaration.file ? credentials[declaration.name] : undefined;
    return file ? [readFileSync(file, "utf8")] : [];
  });
  return [...secretCredentialValues(declarations, credentials), ...files];
}

/** Resolves on SIGINT, SIGTERM or at the end of --duration: for a proxy, the ordinary ends of a session. */
function endingSignal(durationS: number | undefined): { promise: Promise<string>; dispose(): void } {
  let end!: (why: string) => void;
  const promise = new Promise<string>((resolve) => (end = resolve));
  const onInt = () => end("SIGINT");
  const onTerm = () => end("SIGTERM");
  process.once("SIGINT", onInt);
  process.once("SIGTERM", onTerm);
  const timer = durationS === undefined ? undefined : setTimeout(() => end(`--duration ${durationS}`), durationS * 1000);
  return {
    promise,
    dispose() {
      clearTimeout(timer);
      process.removeListener("SIGINT", onInt);
      process.removeListener("SIGTERM", onTerm);
    },
  };
}
