import type { ConformancePlugin } from "../plugin.js";
import { UserError } from "../../errors.js";
import { readFixture } from "../../reference/fixtures.js";
import { createIntercomConformance } from "./conformance.js";

export const intercomConformance: ConformancePlugin = {
  createApi: (credentials) => createIntercomConformance({ token: credentials.token ?? "" }),
  credentialsFrom(flags, env) {
    const token = flags.intercomToken ?? env.INTERCOM_TOKEN;
    if (!token) throw new UserError("verify intercom: no access token — set INTERCOM_TOKEN or pass --intercom-token");
    return { token };
  },
  referenceSetup(fixturesDir) {
    const { tokens } = readFixture<{ tokens: Array<{ token: string }> }>(fixturesDir, "tokens.json");
    const { users } = readFixture<{ users: Array<{ email?: string }> }>(fixturesDir, "users.json");
    const emails = users.map((user) => user.email?.toLowerCase()).filter(Boolean);
    const sharedEmail = emails.find((email, i) => emails.indexOf(email) !== i);
    return { credentials: { token: tokens[0]?.token }, variables: { callers: { second: { token: tokens[1]?.token } }, ...(sharedEmail ? { sharedEmail } : {}) } };
  },
  prismCredentials: () => ({ token: "prism-accepts-any-token" }),
};
