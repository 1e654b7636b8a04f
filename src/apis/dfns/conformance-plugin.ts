import type { CredentialDeclaration } from "../../conformance/credentials.js";
import type { ConformancePlugin } from "../../conformance/plugin.js";
import { createDfnsConformance } from "./conformance.js";
import type { DfnsFixtures } from "./reference/fixtures.js";

/** The fixture callers the cases name, by the permissions that make each one useful. */
const CALLER_ROLES: Record<string, (permissions: string[]) => boolean> = {
  admin: (p) => p.includes("Auth:Users:Create") && p.includes("Auth:Users:Delegate") && p.includes("Auth:Types:EndUser") && p.includes("Auth:Types:Employee"),
  employeeManager: (p) => p.includes("Auth:Users:Update") && p.includes("Auth:Types:Employee") && !p.includes("Auth:Types:EndUser"),
  endUserManager: (p) => p.includes("Auth:Users:Update") && p.includes("Auth:Types:EndUser") && !p.includes("Auth:Types:Employee"),
  reader: (p) => p.includes("Auth:Users:Read") && !p.includes("Auth:Users:Update"),
};

export const DFNS_CREDENTIALS: CredentialDeclaration[] = [
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

export const dfnsConformance: ConformancePlugin<DfnsFixtures> = {
  credentials: DFNS_CREDENTIALS,
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
  referenceSetup(fixtures) {
    const tokenOf = (userId: string) => [...fixtures.tokens].find(([, owner]) => owner === userId)?.[0];
    const callers: Record<string, Record<string, string | undefined>> = {};
    for (const [role, fits] of Object.entries(CALLER_ROLES)) {
      const user = fixtures.users.find((candidate) => candidate.isActive && fits(candidate.permissions ?? []) && tokenOf(candidate.userId) !== undefined);
      if (!user) continue;
      const credential = fixtures.credentials.find((candidate) => candidate.userId === user.userId);
      callers[role] = { userId: user.userId, kind: user.kind, token: tokenOf(user.userId), credentialId: credential?.credId, privateKeyFile: credential?.privateKeyFile };
    }
    // Targets are created by the cases themselves (employees and end users), so that a run
    // consumes nothing a second run needs.
    return { credentials: { ...callers.admin, appId: fixtures.appId }, variables: { callers, appId: fixtures.appId } };
  },
  prismCredentials(fixtures) {
    return { ...this.referenceSetup(fixtures).credentials, token: "prism-accepts-any-token" };
  },
};
