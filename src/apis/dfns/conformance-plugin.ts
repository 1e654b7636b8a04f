import path from "node:path";
import type { ConformancePlugin } from "../plugin.js";
import { UserError } from "../../errors.js";
import { readFixture } from "../../reference/fixtures.js";
import { createDfnsConformance } from "./conformance.js";

interface OrgFile {
  app?: { appId?: string };
  users: Array<{ userId: string; kind: string; permissions?: string[]; isActive: boolean }>;
  tokens: Array<{ token: string; userId: string }>;
  credentials: Array<{ credId: string; userId: string; privateKeyFile?: string }>;
}

/** The fixture callers the cases name, by the permissions that make each one useful. */
const CALLER_ROLES: Record<string, (permissions: string[]) => boolean> = {
  admin: (p) => p.includes("Auth:Users:Create") && p.includes("Auth:Users:Delegate") && p.includes("Auth:Types:EndUser") && p.includes("Auth:Types:Employee"),
  employeeManager: (p) => p.includes("Auth:Users:Update") && p.includes("Auth:Types:Employee") && !p.includes("Auth:Types:EndUser"),
  endUserManager: (p) => p.includes("Auth:Users:Update") && p.includes("Auth:Types:EndUser") && !p.includes("Auth:Types:Employee"),
  reader: (p) => p.includes("Auth:Users:Read") && !p.includes("Auth:Users:Update"),
};

export const dfnsConformance: ConformancePlugin = {
  createApi: (credentials) =>
    createDfnsConformance({
      token: credentials.token ?? "",
      credentialId: credentials.credentialId,
      privateKey: credentials.privateKey,
      privateKeyFile: credentials.privateKeyFile,
      appId: credentials.appId,
    }),
  credentialsFrom(flags, env) {
    const token = flags.dfnsToken ?? env.DFNS_TOKEN;
    if (!token) throw new UserError("verify dfns: no auth token — set DFNS_TOKEN or pass --dfns-token");
    return {
      token,
      credentialId: flags.dfnsCredentialId ?? env.DFNS_CREDENTIAL_ID,
      privateKey: flags.dfnsPrivateKey ? undefined : env.DFNS_PRIVATE_KEY,
      privateKeyFile: flags.dfnsPrivateKey,
      appId: flags.dfnsAppId ?? env.DFNS_APP_ID,
    };
  },
  referenceSetup(fixturesDir) {
    const org = readFixture<OrgFile>(fixturesDir, "org.json");
    const callers: Record<string, Record<string, string | undefined>> = {};
    for (const [role, fits] of Object.entries(CALLER_ROLES)) {
      const user = org.users.find((candidate) => candidate.isActive && fits(candidate.permissions ?? []) && org.tokens.some((t) => t.userId === candidate.userId));
      if (!user) continue;
      const credential = org.credentials.find((candidate) => candidate.userId === user.userId);
      callers[role] = {
        userId: user.userId,
        kind: user.kind,
        token: org.tokens.find((candidate) => candidate.userId === user.userId)!.token,
        credentialId: credential?.credId,
        privateKeyFile: credential?.privateKeyFile ? path.join(fixturesDir, credential.privateKeyFile) : undefined,
      };
    }
    const admin = callers.admin ?? {};
    // Targets are created by the cases themselves (employees and end users), so that a run
    // consumes nothing a second run needs.
    return {
      credentials: { ...admin, appId: org.app?.appId },
      variables: { callers, appId: org.app?.appId },
    };
  },
  prismCredentials(fixturesDir) {
    const { credentials } = this.referenceSetup(fixturesDir);
    return { ...credentials, token: "prism-accepts-any-token" };
  },
};
