import { createPublicKey, type KeyObject } from "node:crypto";
import path from "node:path";
import type { Contract } from "../../../contract/index.js";
import { UserError } from "../../../errors.js";
import { assertMatchesSchema, readFixture } from "../../../reference/fixtures.js";
import { keyAlgorithm, type KeyAlgorithm } from "../key-schemes.js";
import type { User } from "./users.js";

export interface Credential {
  credId: string;
  userId: string;
  publicKey: KeyObject;
  algorithm: KeyAlgorithm;
  /** Absolute path of the TEST-ONLY private key, when the fixtures ship one. */
  privateKeyFile: string | undefined;
}

export interface DfnsFixtures {
  /** The seed-era application id, for steps that send X-DFNS-APPID. */
  appId: string | undefined;
  users: User[];
  /** TEST-ONLY bearer tokens → the user they authenticate. */
  tokens: Map<string, string>;
  credentials: Credential[];
}

interface OrgFile {
  app?: { appId?: string };
  users?: User[];
  tokens?: Array<{ token: string; userId: string }>;
  credentials?: Array<{ credId: string; userId: string; publicKey: string; privateKeyFile?: string }>;
}

/** Reads `org.json` once: the app id, users (each a valid contract User), tokens, and Key credentials' public keys. */
export function loadDfnsFixtures(dir: string, contract: Contract): DfnsFixtures {
  const org = readFixture<OrgFile>(dir, "org.json");
  const users = org.users ?? [];
  users.forEach((user, i) => assertMatchesSchema(contract, "User", user, `org.json users[${i}]`));
  const known = new Set(users.map((user) => user.userId));
  const mustKnow = (userId: string, where: string) => {
    if (!known.has(userId)) throw new UserError(`fixtures org.json ${where}: no user ${userId} — add the user or fix the id`);
  };
  const tokens = new Map<string, string>();
  (org.tokens ?? []).forEach((entry, i) => {
    mustKnow(entry.userId, `tokens[${i}]`);
    tokens.set(entry.token, entry.userId);
  });
  const credentials = (org.credentials ?? []).map((entry, i): Credential => {
    mustKnow(entry.userId, `credentials[${i}]`);
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey(entry.publicKey);
    } catch {
      throw new UserError(`fixtures org.json credentials[${i}]: publicKey is not a PEM public key — fix the fixture`);
    }
    return {
      credId: entry.credId,
      userId: entry.userId,
      publicKey,
      algorithm: keyAlgorithm(publicKey),
      privateKeyFile: entry.privateKeyFile ? path.join(dir, entry.privateKeyFile) : undefined,
    };
  });
  return { appId: org.app?.appId, users, tokens, credentials };
}
