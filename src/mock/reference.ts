import path from "node:path";
import { loadContract } from "../contract/index.js";
import type { ApiPlugin } from "../plugin.js";
import { serve } from "../reference/http-server.js";
import { controlsOf, corsOf, faultsOf, referenceFetch, type ReferenceControls, type ReferenceFetch, type ReferenceServerSettings } from "./reference-controls.js";

export type { ReferenceControls, ReferenceFetch, ReferenceServerSettings };

export interface ReferenceServer extends ReferenceControls {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts an API's stateful reference server in-process; also resolves to the fixtures it read, once. */
export async function startReference(plugin: ApiPlugin, options: ReferenceServerSettings): Promise<{ server: ReferenceServer; fixtures: unknown }> {
  const { api, credentials, fixtures } = await createReferenceApi(plugin, options);
  const running = await serve(api, {
    cors: corsOf(options),
    log: options.log,
    allowedHosts: options.allowedHosts,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    checkResponses: options.checkResponses ?? false,
    faults: faultsOf(options),
  });
  const server: ReferenceServer = { ...controlsOf(plugin.name, api, credentials, running.engine), url: running.url, port: running.port, close: running.close };
  return { server, fixtures };
}

/**
 * An API's stateful reference behind the Fetch API, in-process and with no server: the engine the
 * HTTP server runs, for MSW handlers and tests. The settings are the server's; those of a
 * listening socket (port, host, log) do not apply.
 */
export async function createReferenceFetch(plugin: ApiPlugin, options: ReferenceServerSettings): Promise<ReferenceFetch> {
  const { api, credentials } = await createReferenceApi(plugin, options);
  return referenceFetch(plugin.name, api, credentials, options);
}

async function createReferenceApi(plugin: ApiPlugin, options: ReferenceServerSettings) {
  const contract = await loadContract(plugin.contractFile);
  const fixtures = plugin.loadFixtures(options.fixtures ? path.resolve(options.fixtures) : plugin.fixturesDir, contract);
  return { ...plugin.reference.create(contract, fixtures, { now: options.now ?? Date.now, settings: options }), fixtures };
}

