import type { ApiPlugin } from "../plugin.js";
import { intercomConformance } from "./conformance-plugin.js";
import { loadIntercomFixtures } from "./reference/fixtures.js";
import { createIntercomReference, DEFAULT_INTERCOM_RATE_LIMIT } from "./reference/server.js";

export const intercomPlugin: ApiPlugin = {
  name: "intercom",
  defaultPrismPort: 4010,
  createReference(contract, fixturesDir, options) {
    const fixtures = loadIntercomFixtures(fixturesDir, contract, Math.floor(options.now() / 1000));
    const api = createIntercomReference(contract, fixtures, {
      now: options.now,
      rateLimit: options.rateLimit ?? DEFAULT_INTERCOM_RATE_LIMIT,
    });
    return { api, credentials: { token: fixtures.tokens[0] ?? "" } };
  },
  archiveCurl(baseUrl, credentials) {
    return `curl -s -X DELETE '${baseUrl}/users?user_id=25' -H 'Authorization: Bearer ${credentials?.token ?? "any-token"}' -H 'Accept: application/json'`;
  },
  mockHint(baseUrl, credentials) {
    return [`Try: ${this.archiveCurl(baseUrl, credentials)}`];
  },
  conformance: intercomConformance,
};
