import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll } from "vitest";
import { PAGE_REFERENCES } from "../../src/apis/page-references.js";
import { createReferenceFetch, startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from "../../src/index.js";
import { createPageReference } from "../../src/mock/in-page.js";

/**
 * The reference behaviour tests run twice (vitest.config.ts): over node:http, and with
 * ARCHIVE_KIT_REFERENCE_TRANSPORT=msw over MSW's setupServer, where each reference answers at its
 * own made-up origin through the Fetch API and a built-in API's contract comes from its page pack,
 * as in a page. The tests' fetch and node:http requests are the same; only the transport differs.
 */
export const TRANSPORT = process.env.ARCHIVE_KIT_REFERENCE_TRANSPORT === "msw" ? "msw" : "node:http";

let origins = 0;

/** Call once at a test file's top level; returns its startReferenceServer, over this run's transport. */
export function useReferenceTransport(): (options: ReferenceServerOptions) => Promise<ReferenceServer> {
  if (TRANSPORT === "node:http") return startReferenceServer;
  const answering = new Map<string, (request: Request) => Promise<Response>>();
  // An origin that is not (or no longer) answering falls through to the network, where *.msw.test resolves nowhere.
  const network = setupServer(http.all(/^http:\/\/reference-\d+\.msw\.test\//, ({ request }) => answering.get(new URL(request.url).origin)?.(request)));
  beforeAll(() => network.listen({ onUnhandledRequest: "bypass" }));
  afterAll(() => network.close());
  return async (options) => {
    const page = !options.fixtures && !options.plugins && Object.hasOwn(PAGE_REFERENCES, options.api) ? PAGE_REFERENCES[options.api as keyof typeof PAGE_REFERENCES] : undefined;
    const reference = page ? (await createPageReference(page, { ...options, fixtures: undefined })).reference : await createReferenceFetch(options);
    const origin = `http://reference-${++origins}.msw.test`;
    answering.set(origin, reference.fetch);
    return { ...reference, url: origin, port: 80, close: async () => void answering.delete(origin) };
  };
}
