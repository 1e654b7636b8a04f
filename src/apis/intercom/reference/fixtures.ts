import type { Contract } from "../../../contract/index.js";
import { assertMatchesSchema, readFixture } from "../../../reference/fixtures.js";
import { completeUser, type FixtureUser, type User } from "./users.js";

export interface IntercomFixtures {
  appId: string;
  users: User[];
  /** TEST-ONLY access tokens the reference accepts. */
  tokens: string[];
}

/** Reads `users.json` and `tokens.json`; every completed user must satisfy the contract's User. */
export function loadIntercomFixtures(dir: string, contract: Contract, nowSeconds: number): IntercomFixtures {
  const usersFile = readFixture<{ appId?: string; users?: FixtureUser[] }>(dir, "users.json");
  const tokensFile = readFixture<{ tokens?: Array<{ token: string }> }>(dir, "tokens.json");
  const appId = usersFile.appId ?? "archivekit";
  const users = (usersFile.users ?? []).map((partial, i) => {
    const user = completeUser(partial, appId, nowSeconds);
    assertMatchesSchema(contract, "User", user, `users.json users[${i}]`);
    return user;
  });
  return { appId, users, tokens: (tokensFile.tokens ?? []).map((entry) => entry.token) };
}
