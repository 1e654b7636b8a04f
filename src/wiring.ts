/**
 * The one place that puts archive-kit together: the built-in API plugins (plus any given), the core
 * checks, and the servers a run can start. The CLI, the library entry and the vitest integration
 * use it; the engine below it (contract, conformance, checks, reference, mock) never imports an API.
 */
import { apiRegistry } from "./apis/plugins.js";
import { CORE_CHECKS } from "./checks/index.js";
import { createCheckRegistry, selectChecks, type CheckRegistry, type CheckSelection } from "./checks/registry.js";
import type { ConformanceEngine, ConformanceOptions } from "./conformance/run-conformance.js";
import type { Case, RunResult } from "./conformance/types.js";
import { loadContract } from "./contract/index.js";
import type { FuzzDeps, FuzzOptions, FuzzResult } from "./fuzz/run-fuzz.js";
import type { PrismMock, PrismMockOptions } from "./mock/prism.js";
import type { ReferenceFetch, ReferenceServer, ReferenceServerSettings } from "./mock/reference.js";
import type { ApiPlugin } from "./plugin.js";
import { TRAFFIC_CHECKS } from "./proxy/traffic-checks.js";

// The runner (with its HTTP client), Prism's launcher and the reference server are imported when a
// run starts: importing the wiring costs little, and a run against a base URL starts no server.
const runConformanceModule = () => import("./conformance/run-conformance.js");
const startPrism = async (options: PrismMockOptions) => (await import("./mock/prism.js")).startPrism(options);
const startReference = async (plugin: ApiPlugin, settings: ReferenceServerSettings) => (await import("./mock/reference.js")).startReference(plugin, settings);

/** Library options may add API plugins of their own to the built-in ones. */
export interface WithPlugins {
  plugins?: readonly ApiPlugin[];
}

export { apiRegistry };

/** Every check a run of this API knows: the core checks, then the plugin's own. */
export function checksOf(plugin: ApiPlugin): CheckRegistry {
  return createCheckRegistry(CORE_CHECKS, plugin.checks ?? {});
}

/**
 * The checks `proxy` and `verify --har` run on traffic they did not write: every check of the API
 * and the traffic checks, narrowed to --checks / --exclude-checks (an unknown name is a usage error).
 */
export function trafficChecksOf(plugin: ApiPlugin, selection: CheckSelection): CheckRegistry {
  return selectChecks(createCheckRegistry(CORE_CHECKS, plugin.checks ?? {}, TRAFFIC_CHECKS), selection, { checks: "--checks", excludeChecks: "--exclude-checks" });
}

/** The engine of one API's runs: its plugin, its checks, and its reference or Prism started on demand. */
export function conformanceEngine(plugin: ApiPlugin): ConformanceEngine {
  return {
    subject: plugin,
    checks: checksOf(plugin),
    async startEmbedded(target) {
      if (target === "prism") {
        const mock = await startPrism({ contractFile: plugin.contractFile });
        const fixtures = plugin.loadFixtures(plugin.fixturesDir, await loadContract(plugin.contractFile));
        return { url: mock.url, credentials: plugin.conformance.prismCredentials(fixtures), variables: {}, close: mock.close };
      }
      const { server, fixtures } = await startReference(plugin, { ...plugin.reference.verifySettings });
      const setup = plugin.conformance.referenceSetup(fixtures);
      return { url: server.url, credentials: setup.credentials, variables: setup.variables, close: server.close };
    },
  };
}

export type RunConformanceOptions = ConformanceOptions & WithPlugins;

/** Verifies one implementation of an API against the contract and the cases; resolves to the results. */
export async function runConformance(options: RunConformanceOptions): Promise<RunResult> {
  const plugin = apiRegistry(options.plugins).get(options.api);
  const { runConformanceWith } = await runConformanceModule();
  return runConformanceWith(conformanceEngine(plugin), options);
}

/** The cases a run of `options` takes, loaded and selected (the vitest integration registers one test each). */
export async function casesToRun(options: RunConformanceOptions): Promise<Case[]> {
  const plugin = apiRegistry(options.plugins).get(options.api);
  const { selectedCases } = await runConformanceModule();
  return selectedCases(conformanceEngine(plugin), options, await loadContract(plugin.contractFile));
}

/**
 * What a fuzz run of one API is given: the engine `verify` runs on, and request generators that
 * follow the plugin's fuzz settings. Loaded on demand: `verify` never pays for the generators.
 */
export async function fuzzDeps(plugin: ApiPlugin): Promise<FuzzDeps> {
  const { positiveRequests, negativeRequests } = await import("./fuzz/generate/index.js");
  const settings = plugin.fuzz ?? {};
  return {
    engine: conformanceEngine(plugin),
    generators: {
      positive: (contract, operation) => positiveRequests(contract, operation, settings),
      negative: (contract, operation) => negativeRequests(contract, operation, settings),
    },
    tamperings: plugin.fuzz?.tamperings,
    model: plugin.fuzz?.model,
    withoutCredentials: plugin.fuzz?.withoutCredentials,
    skipParameters: plugin.fuzz?.skipParameters,
  };
}

export type RunFuzzOptions = FuzzOptions & WithPlugins & { api: string };

/** Fuzzes one implementation of an API (the embedded reference without `baseUrl`); resolves to the results. */
export async function runFuzz(options: RunFuzzOptions): Promise<FuzzResult> {
  const { api, plugins, ...run } = options;
  const plugin = apiRegistry(plugins).get(api);
  const { runFuzz: runFuzzWith } = await import("./fuzz/run-fuzz.js");
  return runFuzzWith(run, await fuzzDeps(plugin));
}

export type { ReferenceFetch, ReferenceServer } from "./mock/reference.js";
export type ReferenceServerOptions = ReferenceServerSettings & WithPlugins & { api: string };
export type PrismMockStartOptions = Omit<PrismMockOptions, "contractFile"> & WithPlugins & { api: string };

/** Starts the stateful reference server of an API, in-process. */
export async function startReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  const { api, plugins, ...rest } = options;
  return (await startReference(apiRegistry(plugins).get(api), rest)).server;
}

/**
 * An API's stateful reference behind the Fetch API, with no server (`fetch(request)` answers as
 * `startReferenceServer`'s would): for MSW handlers and in-process tests.
 */
export async function createReferenceFetch(options: ReferenceServerOptions): Promise<ReferenceFetch> {
  const { api, plugins, ...rest } = options;
  return (await import("./mock/reference.js")).createReferenceFetch(apiRegistry(plugins).get(api), rest);
}

/** Starts Prism (stateless, example-driven) on an API's contract, as a child process. */
export async function startPrismMock(options: PrismMockStartOptions): Promise<PrismMock & { api: string }> {
  const { api, plugins, ...rest } = options;
  const plugin = apiRegistry(plugins).get(api);
  return { api: plugin.name, ...(await startPrism({ ...rest, contractFile: plugin.contractFile })) };
}
