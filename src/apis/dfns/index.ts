import path from "node:path";
import type { ApiPlugin } from "../plugin.js";
import { dfnsConformance } from "./conformance-plugin.js";
import { loadDfnsFixtures } from "./reference/fixtures.js";
import { createDfnsReference, DEFAULT_USER_ACTION_TTL_SECONDS } from "./reference/server.js";

export const dfnsPlugin: ApiPlugin = {
  name: "dfns",
  defaultPrismPort: 4011,
  createReference(contract, fixturesDir, options) {
    const fixtures = loadDfnsFixtures(fixturesDir, contract);
    const api = createDfnsReference(contract, fixtures, {
      now: options.now,
      userActionTtlSeconds: options.userActionTtlSeconds ?? DEFAULT_USER_ACTION_TTL_SECONDS,
    });
    const [token, callerId] = [...fixtures.tokens][0] ?? ["", ""];
    const credential = fixtures.credentials.find((candidate) => candidate.userId === callerId);
    return {
      api,
      credentials: {
        token,
        credentialId: credential?.credId ?? "",
        privateKeyFile: credential?.privateKeyFile ? path.relative(process.cwd(), credential.privateKeyFile) || credential.privateKeyFile : "",
      },
    };
  },
  archiveCurl(baseUrl, credentials) {
    // Without a user action the reference answers 403: the curl shows the documented request.
    return `curl -s -X DELETE '${baseUrl}/auth/users/us-em7bu-m6c48-hdqoobj7dj24pko' -H 'Authorization: Bearer ${credentials?.token ?? "any-token"}' -H 'X-DFNS-USERACTION: any-user-action'`;
  },
  mockHint() {
    // A bare curl cannot sign the user action that archiving needs.
    return ["Archiving needs a signed user action: use createDfnsClient with createKeySigner and the credentials above (README, \"Calling the mocks\")."];
  },
  conformance: dfnsConformance,
};
