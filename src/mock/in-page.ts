import { contractFromPack } from "../contract/pack.js";
import type { PageReference } from "../page-reference.js";
import { dataFixtures } from "../reference/fixtures.js";
import { persistedState, storageFor, type PersistMode } from "./persisted-state.js";
import { referenceFetch, type EngineSettings, type ReferenceFetch } from "./reference-controls.js";

/** The reference's settings in a page: no socket (port, host, log), and fixtures as data, not a folder. */
export interface PageReferenceOptions extends EngineSettings {
  /** Where it answers: the vendor's own base URL (the contract's first server) by default. */
  baseUrl?: string;
  /** The API's fixture files, parsed, by name (`{ "users.json": … }`); the shipped fixtures when left out. */
  fixtures?: Record<string, unknown>;
  /** Keep the users across reloads in the page's sessionStorage or localStorage. */
  persist?: PersistMode;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now?: () => number;
  /** The API's own settings (e.g. `rateLimit`), read by its reference; unknown ones are ignored. */
  [setting: string]: unknown;
}

/**
 * An API's stateful reference in a page (or any runtime with the Fetch API), built from
 * the contract pack the build bundled: no file is read and no `node:*` module loaded.
 */
export async function createPageReference(page: PageReference, options: PageReferenceOptions): Promise<{ reference: ReferenceFetch; baseUrl: string }> {
  const { default: pack } = await page.pack();
  const contract = contractFromPack(pack);
  const { api, credentials } = page.start(contract, dataFixtures(options.fixtures ?? pack.fixtures), { now: options.now ?? Date.now, settings: options });
  const reference = referenceFetch(page.name, api, credentials, options);
  const baseUrl = (options.baseUrl ?? reference.vendorBaseUrl ?? "").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new Error(`createMockApi: baseUrl ${JSON.stringify(baseUrl)} is not an http(s) URL — pass baseUrl, like "https://api.example.com"`);
  if (!options.persist) return { reference, baseUrl };
  const persisted = persistedState(api, page.name, storageFor(options.persist), `archive-kit:${page.name}:${baseUrl}`);
  const saved = <Args extends unknown[], Result>(action: (...args: Args) => Result) => (...args: Args): Result => {
    const result = action(...args);
    persisted.save();
    return result;
  };
  const persisting: ReferenceFetch = {
    ...reference,
    seed: saved(reference.seed),
    reset: saved(reference.reset),
    async fetch(request) {
      const response = await reference.fetch(request);
      if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) persisted.save();
      return response;
    },
  };
  return { reference: persisting, baseUrl };
}
