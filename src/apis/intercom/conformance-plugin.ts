import type { ConformancePlugin } from "../../conformance/plugin.js";
import type { CredentialDeclaration } from "../../conformance/credentials.js";
import { createIntercomConformance } from "./conformance.js";
import type { IntercomFixtureFiles } from "./reference/fixtures.js";

export const INTERCOM_CREDENTIALS: CredentialDeclaration[] = [
  { name: "token", flag: "--intercom-token", valueName: "token", env: "INTERCOM_TOKEN", help: "Intercom access token", secret: true, required: "access token" },
];

export const intercomConformance: ConformancePlugin<IntercomFixtureFiles> = {
  credentials: INTERCOM_CREDENTIALS,
  // The access token travels in Authorization only.
  secretHeaders: [],
  createApi: (credentials) => createIntercomConformance({ token: credentials.token ?? "" }),
  referenceSetup({ tokens, users }) {
    const emails = users.map((user) => user.email?.toLowerCase()).filter(Boolean);
    const sharedEmail = emails.find((email, i) => emails.indexOf(email) !== i);
    return { credentials: { token: tokens[0] }, variables: { callers: { second: { token: tokens[1] } }, ...(sharedEmail ? { sharedEmail } : {}) } };
  },
  prismCredentials: () => ({ token: "prism-accepts-any-token" }),
};
