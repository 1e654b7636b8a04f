import path from "node:path";
import { packageRoot } from "../../package-root.js";
import { defineApiPlugin } from "../../plugin.js";
import { DFNS_CASE_REQUEST_SCHEMA } from "./case-request.js";
import { permissionEnforced } from "./checks/permission-enforced.js";
import { userActionRequired } from "./checks/user-action-required.js";
import { dfnsConformance } from "./conformance-plugin.js";
import { DFNS_TAMPERINGS } from "./tamperings.js";
import { DFNS_MODEL } from "./model.js";
import { folderFixtures } from "../../reference/fixture-files.js";
import { dfnsFixturesFrom } from "./reference/fixtures.js";
import { createDfnsReferenceFor } from "./reference/create.js";

export const dfnsPlugin = defineApiPlugin({
  name: "dfns",
  title: "Dfns Auth",
  contractFile: path.join(packageRoot, "openapi", "dfns.yaml"),
  errorSchemaName: "ErrorResponse",
  casesDir: path.join(packageRoot, "conformance", "dfns"),
  fixturesDir: path.join(packageRoot, "fixtures", "dfns"),
  defaultPort: 4011,
  caseRequestSchema: DFNS_CASE_REQUEST_SCHEMA,
  checks: { "user-action-required": userActionRequired, "permission-enforced": permissionEnforced },
  loadFixtures: (dir, contract) => dfnsFixturesFrom(folderFixtures(dir), contract),
  reference: {
    create(contract, fixtures, options) {
      const { api, credentials } = createDfnsReferenceFor(contract, fixtures, options);
      const keyFile = credentials.privateKeyFile;
      return { api, credentials: { ...credentials, privateKeyFile: keyFile ? path.relative(process.cwd(), keyFile) || keyFile : "" } };
    },
    settingFlags: [],
    verifySettings: {},
  },
  exampleCurl(baseUrl, credentials) {
    // Without a user action the reference answers 403: the curl shows the documented request.
    return `curl -s -X DELETE '${baseUrl}/auth/users/us-em7bu-m6c48-hdqoobj7dj24pko' -H 'Authorization: Bearer ${credentials?.token ?? "any-token"}' -H 'X-DFNS-USERACTION: any-user-action'`;
  },
  mockHint() {
    // A bare curl cannot sign the user action that archiving needs.
    return ["Archiving needs a signed user action: use createDfnsClient with createKeySigner and the credentials above (docs/tutorials/mock-for-a-frontend.md, \"Calling the mocks with the typed clients\")."];
  },
  conformance: dfnsConformance,
  fuzz: {
    // prepare sends these when a case asks (`nonce`, `appId`): a generated nonce is refused before anything else is judged.
    skipParameters: ["header/X-DFNS-NONCE", "header/X-DFNS-APPID"],
    // A caller without a valid token cannot sign: the request goes unsigned, and must be refused for its credential.
    withoutCredentials: { userAction: "none" },
    tamperings: DFNS_TAMPERINGS,
    model: DFNS_MODEL,
  },
});
