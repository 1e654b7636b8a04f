import path from "node:path";
import { packageRoot } from "../../package-root.js";
import { defineApiPlugin } from "../../plugin.js";
import { intercomConformance } from "./conformance-plugin.js";
import { INTERCOM_MODEL } from "./model.js";
import { folderFixtures } from "../../reference/fixture-files.js";
import { createIntercomReferenceFor } from "./reference/create.js";
import { intercomFixturesFrom } from "./reference/fixtures.js";
import { DEFAULT_INTERCOM_RATE_LIMIT } from "./reference/server.js";

export const intercomPlugin = defineApiPlugin({
  name: "intercom",
  title: "Intercom REST API 1.3",
  contractFile: path.join(packageRoot, "openapi", "intercom.yaml"),
  errorSchemaName: "ErrorList",
  casesDir: path.join(packageRoot, "conformance", "intercom"),
  fixturesDir: path.join(packageRoot, "fixtures", "intercom"),
  defaultPort: 4010,
  loadFixtures: (dir, contract) => intercomFixturesFrom(folderFixtures(dir), contract),
  reference: {
    create: createIntercomReferenceFor,
    settingFlags: [
      {
        flag: "--rate-limit",
        valueName: "n",
        help: `reference intercom: requests per token per minute (default ${DEFAULT_INTERCOM_RATE_LIMIT.limit})`,
        value: "positive-integer",
        toSettings: (limit) => ({ rateLimit: { limit, windowSeconds: 60 } }),
      },
    ],
    // A conformance run must never be throttled by the reference it verifies.
    verifySettings: { rateLimit: { limit: 1_000_000, windowSeconds: 60 } },
  },
  exampleCurl(baseUrl, credentials) {
    return `curl -s -X DELETE '${baseUrl}/users?user_id=25' -H 'Authorization: Bearer ${credentials?.token ?? "any-token"}' -H 'Accept: application/json'`;
  },
  mockHint(baseUrl, credentials) {
    return [`Try: ${this.exampleCurl(baseUrl, credentials)}`];
  },
  conformance: intercomConformance,
  fuzz: { model: INTERCOM_MODEL },
});
