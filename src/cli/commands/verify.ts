import { mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "js-yaml";
import { API_PLUGINS } from "../../apis/plugins.js";
import { API_NAMES, type ApiName } from "../../apis/registry.js";
import { runConformance } from "../../conformance/run-conformance.js";
import type { Hooks } from "../../conformance/runner.js";
import type { Variables } from "../../conformance/template.js";
import type { RunResult } from "../../conformance/types.js";
import { describeCause, UserError } from "../../errors.js";
import { createReporters, type ReporterName } from "../../reporters/index.js";
import type { Io } from "../program.js";

export interface VerifyOptions {
  api: string;
  baseUrl?: string;
  target?: "reference" | "prism";
  reporter: ReporterName[];
  output: string;
  tag?: string[];
  case?: string[];
  shard?: { index: number; count: number };
  timeout: number;
  concurrency: number;
  vars?: string;
  cases?: string;
  hooks?: string;
  allowRemote?: boolean;
  includePermanentDelete?: boolean;
  intercomToken?: string;
  dfnsToken?: string;
  dfnsCredentialId?: string;
  dfnsPrivateKey?: string;
  dfnsAppId?: string;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Verifies implementations; 0 when every case passed, 1 when one failed. */
export async function verifyCommand(options: VerifyOptions, io: Io): Promise<number> {
  const apis: ApiName[] = options.api === "all" ? [...API_NAMES] : [options.api as ApiName];
  if (options.baseUrl) checkBaseUrl(options.baseUrl, options);
  if (options.baseUrl && apis.length > 1) throw new UserError("--base-url verifies one API — add --api intercom or --api dfns");
  if (options.baseUrl && options.target) throw new UserError("--target starts an embedded implementation — drop it, or drop --base-url");
  const variables = options.vars ? readVariables(options.vars) : undefined;
  const hooks = options.hooks ? await importHooks(options.hooks) : undefined;
  if (options.reporter.some((name) => name !== "console")) await mkdir(options.output, { recursive: true });
  const reporters = createReporters(options.reporter, { outputDir: options.output, write: io.out });

  const results: RunResult[] = [];
  for (const api of apis) {
    const credentials = options.baseUrl ? API_PLUGINS[api].conformance.credentialsFrom(flagsOf(options), process.env) : undefined;
    results.push(
      await runConformance({
        api,
        baseUrl: options.baseUrl,
        target: options.target,
        credentials,
        variables,
        casesDir: options.cases,
        tags: options.tag,
        ids: options.case,
        shard: options.shard,
        timeoutMs: options.timeout * 1000,
        concurrency: options.concurrency,
        includePermanentDelete: options.includePermanentDelete,
        hooks,
        onEvent: (event) => reporters.handle(event),
      }),
    );
  }
  await reporters.finish();
  const unreachable = results.find((result) => !result.reached);
  if (unreachable) {
    throw new UserError(`cannot connect to ${unreachable.baseUrl} — start the implementation or fix --base-url`);
  }
  return results.some((result) => result.summary.failed > 0) ? 1 : 0;
}

function checkBaseUrl(baseUrl: string, options: VerifyOptions): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UserError(`--base-url ${baseUrl} is not a URL — pass one like http://127.0.0.1:8080`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UserError(`--base-url must be http or https, not ${url.protocol}`);
  // Every archive is destructive: only a local implementation is verified without being asked.
  if (!LOOPBACK.has(url.hostname) && !options.allowRemote) {
    throw new UserError(`--base-url ${url.host} is not on this machine and the cases archive users — add --allow-remote if that is intended`);
  }
}

function flagsOf(options: VerifyOptions): Record<string, string | undefined> {
  const { intercomToken, dfnsToken, dfnsCredentialId, dfnsPrivateKey, dfnsAppId } = options;
  if (dfnsPrivateKey) {
    try {
      readFileSync(dfnsPrivateKey);
    } catch {
      throw new UserError(`--dfns-private-key ${dfnsPrivateKey}: no such file — pass the PEM file of the credential's private key`);
    }
  }
  return { intercomToken, dfnsToken, dfnsCredentialId, dfnsPrivateKey, dfnsAppId };
}

function readVariables(file: string): Variables {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UserError(`--vars ${file}: no such file — pass a YAML or JSON file of variables`);
  }
  try {
    const parsed = load(text);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a mapping");
    return parsed as Variables;
  } catch (error) {
    throw new UserError(`--vars ${file}: ${describeCause(error)} — write a YAML mapping of names to values`);
  }
}

async function importHooks(file: string): Promise<Hooks> {
  try {
    return (await import(pathToFileURL(path.resolve(file)).href)) as Hooks;
  } catch (error) {
    throw new UserError(`--hooks ${file}: cannot be loaded: ${describeCause(error)} — pass an ES module exporting beforeAll/beforeEach/afterEach/afterAll`);
  }
}
