import type { Contract } from "../../../contract/core.js";
import { UserError } from "../../../errors.js";
import { assertMatchesSchema, type FixtureSource } from "../../../reference/fixtures.js";
import { parsePublicKey, type PublicKey } from "../public-keys.js";
import type { User } from "./users.js";

export interface Credential {
  credId: string;
  userId: string;
  publicKey: PublicKey;
  /** Absolute path of the TEST-ONLY private key, when the fixtures ship one and are on disk. */
  privateKeyFile: string | undefined;
  /** The TEST-ONLY private key's PEM text, when the fixtures were given as data (a page has no files). */
  privateKeyPem: string | undefined;
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
export function dfnsFixturesFrom(source: FixtureSource, contract: Contract): DfnsFixtures {
  const org = source.read<OrgFile>("org.json");
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
    let publicKey: PublicKey;
    try {
      publicKey = parsePublicKey(String(entry.publicKey));
    } catch (error) {
      throw new UserError(`fixtures org.json credentials[${i}]: publicKey is ${(error as Error).message.split(" — ")[0]} — fix the fixture`);
    }
    return {
      credId: entry.credId,
      userId: entry.userId,
      publicKey,
      privateKeyFile: entry.privateKeyFile ? source.pathOf?.(entry.privateKeyFile) : undefined,
      privateKeyPem: entry.privateKeyFile ? source.text?.(entry.privateKeyFile) : undefined,
    };
  });
  return { appId: org.app?.appId, users, tokens, credentials };
}
