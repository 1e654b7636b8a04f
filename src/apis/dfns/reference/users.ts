import { randomBytes } from "node:crypto";
import type { components } from "../../../generated/dfns.js";

export type User = components["schemas"]["User"];
export type UserKind = components["schemas"]["UserKind"];

/** A production-format id: `<prefix>-xxxxx-xxxxx-xxxxxxxxxxxxxxxx`. */
export function newDfnsId(prefix: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const part = (length: number) => [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join("");
  return `${prefix}-${part(5)}-${part(5)}-${part(16)}`;
}

/** The users of every org; archived users are kept but answer as if gone. */
export class UserStore {
  private readonly users = new Map<string, { user: User; archived: boolean }>();

  constructor(users: User[]) {
    for (const user of users) this.users.set(user.userId, { user: structuredClone(user), archived: false });
  }

  /** A user of `orgId` that is not archived. */
  visible(userId: string, orgId: string): User | undefined {
    const stored = this.users.get(userId);
    return stored && !stored.archived && stored.user.orgId === orgId ? stored.user : undefined;
  }

  /** The caller behind a token: any org, not archived. */
  caller(userId: string): User | undefined {
    const stored = this.users.get(userId);
    return stored && !stored.archived ? stored.user : undefined;
  }

  /** Every user of every org, archived or not (for the admin state). */
  all(): Array<{ user: User; archived: boolean }> {
    return [...this.users.values()].map(({ user, archived }) => ({ user, archived }));
  }

  list(orgId: string, kind?: UserKind): User[] {
    return [...this.users.values()]
      .filter((stored) => !stored.archived && stored.user.orgId === orgId && (!kind || stored.user.kind === kind))
      .map((stored) => stored.user);
  }

  archive(userId: string): User {
    const stored = this.users.get(userId)!;
    stored.archived = true;
    stored.user = { ...stored.user, isActive: false };
    return stored.user;
  }

  setActive(userId: string, isActive: boolean): User {
    const stored = this.users.get(userId)!;
    stored.user = { ...stored.user, isActive };
    return stored.user;
  }

  create(user: User): User {
    this.users.set(user.userId, { user, archived: false });
    return user;
  }
}
