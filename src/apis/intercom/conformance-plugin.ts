import { declaredCredentials, type ConformancePlugin, type CredentialDeclaration } from "../plugin.js";
import { readFixture } from "../../reference/fixtures.js";
import { createIntercomConformance } from "./conformance.js";

const CREDENTIALS: CredentialDeclaration[] = [
  { name: "token", flag: "--intercom-token", valueName: "token", env: "INTERCOM_TOKEN", help: "Intercom access token", secret: true, required: "access token" },
];

export const intercomConformance: ConformancePlugin = {
  credentials: CREDENTIALS,
  // The access token travels in Authorization only.
  secretHeaders: [],
  createApi: (credentials) => createIntercomConformance({ token: credentials.token ?? "" }),
  credentialsFrom: (flags, env) => declaredCredentials("intercom", CREDENTIALS, flags, env),
  referenceSetup(fixturesDir) {
    const { tokens } = readFixture<{ tokens: Array<{ token: string }> }>(fixturesDir, "tokens.json");
    const { users } = readFixture<{ users: Array<{ email?: string }> }>(fixturesDir, "users.json");
    const emails = users.map((user) => user.email?.toLowerCase()).filter(Boolean);
    const sharedEmail = emails.find((email, i) => emails.indexOf(email) !== i);
    return { credentials: { token: tokens[0]?.token }, variables: { callers: { second: { token: tokens[1]?.token } }, ...(sharedEmail ? { sharedEmail } : {}) } };
  },
  prismCredentials: () => ({ token: "prism-accepts-any-token" }),
};
