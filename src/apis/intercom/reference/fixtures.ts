import type { Contract } from "../../../contract/core.js";
import { assertMatchesSchema, type FixtureSource } from "../../../reference/fixtures.js";
import { completeUser, type FixtureUser, type User } from "./users.js";

/** The fixture files as read: users still partial (their timestamps are the server's start). */
export interface IntercomFixtureFiles {
  appId: string;
  users: FixtureUser[];
  /** TEST-ONLY access tokens the reference accepts. */
  tokens: string[];
}

/** The fixtures a reference server starts from, each user completed. */
export interface IntercomFixtures extends Omit<IntercomFixtureFiles, "users"> {
  users: User[];
}

/** Reads `users.json` and `tokens.json` once; every completed user must satisfy the contract's User. */
export function intercomFixturesFrom(source: FixtureSource, contract: Contract): IntercomFixtureFiles {
  const usersFile = source.read<{ appId?: string; users?: FixtureUser[] }>("users.json");
  const tokensFile = source.read<{ tokens?: Array<{ token: string }> }>("tokens.json");
  const appId = usersFile.appId ?? "archivekit";
  const users = usersFile.users ?? [];
  users.forEach((partial, i) => assertMatchesSchema(contract, "User", completeUser(partial, appId, 0), `users.json users[${i}]`));
  return { appId, users, tokens: (tokensFile.tokens ?? []).map((entry) => entry.token) };
}

/** The fixtures with every user completed as if created at `nowSeconds` (unless it says when). */
export function seededAt(files: IntercomFixtureFiles, nowSeconds: number): IntercomFixtures {
  return { ...files, users: files.users.map((partial) => completeUser(partial, files.appId, nowSeconds)) };
}
