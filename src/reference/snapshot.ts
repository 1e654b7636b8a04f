import type { Contract } from "../contract/core.js";
import { schemaProblem } from "./fixtures.js";

/** What a reference keeps across a page's reloads (`persist`): each user as the API answers it, and whether it is archived. */
export interface UsersSnapshot<User> {
  users: Array<{ user: User; archived: boolean }>;
}

/** A stored snapshot checked before anything is replaced: each user a valid contract User, ids unique. */
export function parseUsersSnapshot<User>(contract: Contract, snapshot: unknown, idOf: (user: User) => string): { ok: true; users: UsersSnapshot<User>["users"] } | { ok: false; message: string } {
  const users = (snapshot as { users?: unknown } | null)?.users;
  if (!Array.isArray(users)) return { ok: false, message: "the snapshot has no users list" };
  const ids = new Set<string>();
  for (const [i, entry] of users.entries()) {
    const { user, archived } = (entry ?? {}) as { user?: unknown; archived?: unknown };
    if (typeof archived !== "boolean") return { ok: false, message: `users[${i}].archived is not true or false` };
    const problem = schemaProblem(contract, "User", user);
    if (problem) return { ok: false, message: `users[${i}]: ${problem}` };
    const id = idOf(user as User);
    if (ids.has(id)) return { ok: false, message: `users[${i}]: id ${id} appears twice` };
    ids.add(id);
  }
  return { ok: true, users: users as UsersSnapshot<User>["users"] };
}
