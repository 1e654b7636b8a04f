import path from "node:path";
import { declaredCredentials, type ConformancePlugin, type CredentialDeclaration } from "../plugin.js";
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

const CREDENTIALS: CredentialDeclaration[] = [
  { name: "token", flag: "--dfns-token", valueName: "token", env: "DFNS_TOKEN", help: "Dfns auth token", secret: true, required: "auth token" },
  { name: "credentialId", flag: "--dfns-credential-id", valueName: "id", env: "DFNS_CREDENTIAL_ID", help: "Dfns credential id that signs user actions", secret: false },
  {
    // The flag names the PEM file; the variable holds the PEM text itself.
    name: "privateKeyFile",
    flag: "--dfns-private-key",
    valueName: "file",
    env: "DFNS_PRIVATE_KEY",
    envName: "privateKey",
    help: "PEM file of that credential's private key",
    envHelp: "with the PEM text",
    file: { fix: "pass the PEM file of the credential's private key" },
    secret: true,
  },
  { name: "appId", flag: "--dfns-app-id", valueName: "id", env: "DFNS_APP_ID", help: "seed-era Dfns application id", secret: false },
];

export const dfnsConformance: ConformancePlugin = {
  credentials: CREDENTIALS,
  // The user action token proves a signature: a replayable credential for one request.
  secretHeaders: ["x-dfns-useraction"],
  createApi: (credentials) =>
    createDfnsConformance({
      token: credentials.token ?? "",
      credentialId: credentials.credentialId,
      privateKey: credentials.privateKey,
      privateKeyFile: credentials.privateKeyFile,
      appId: credentials.appId,
    }),
  credentialsFrom: (flags, env) => declaredCredentials("dfns", CREDENTIALS, flags, env),
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
