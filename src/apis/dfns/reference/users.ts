import { randomBytes } from "../../../encoding/random.js";
import type { components } from "../../../generated/dfns.js";
import { asciiLowerCase } from "../../../reference/ascii-case.js";

export type User = components["schemas"]["User"];
export type UserKind = components["schemas"]["UserKind"];

/** A production-format id: `<prefix>-xxxxx-xxxxx-xxxxxxxxxxxxxxxx`. */
export function newDfnsId(prefix: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const part = (length: number) => [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join("");
  return `${prefix}-${part(5)}-${part(5)}-${part(16)}`;
}

/**
 * Users the API may create on top of the fixtures (archived ones count: they are kept), per
 * caller and in total, and the longest username. The documents are silent; these are the
 * reference's choices.
 */
export const DFNS_STORE_LIMITS = { createdPerCaller: 5_000, createdTotal: 10_000, usernameLength: 255, seededBytes: 16 * 1024 * 1024 } as const;

/** The users of every org; archived users are kept but answer as if gone. */
export class UserStore {
  private readonly users = new Map<string, { user: User; archived: boolean }>();
  /** User ids by org and ASCII-lower-cased username. */
  private readonly byUsername = new Map<string, Set<string>>();
  private readonly createdBy = new Map<string, number>();
  private createdTotal = 0;
  private seededBytes = 0;

  constructor(users: User[]) {
    for (const user of users) this.insert(structuredClone(user));
  }

  /** Whether an unarchived user of the org has this username, compared ASCII case-insensitively. */
  usernameTaken(orgId: string, username: string): boolean {
    const ids = this.byUsername.get(usernameKey(orgId, username)) ?? [];
    return [...ids].some((id) => !this.users.get(id)!.archived);
  }

  /** Which bound creating one more user for `creatorId` would break, if any. */
  creationLimit(creatorId: string): string | undefined {
    if ((this.createdBy.get(creatorId) ?? 0) >= DFNS_STORE_LIMITS.createdPerCaller) return `${DFNS_STORE_LIMITS.createdPerCaller} users created by one caller`;
    if (this.createdTotal >= DFNS_STORE_LIMITS.createdTotal) return `${DFNS_STORE_LIMITS.createdTotal} users created through the API`;
    return undefined;
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

  /** Adds a user `creatorId` creates; check `creationLimit` first. */
  create(user: User, creatorId: string): User {
    this.createdBy.set(creatorId, (this.createdBy.get(creatorId) ?? 0) + 1);
    this.createdTotal++;
    this.insert(user);
    return user;
  }

  /**
   * Adds users a test seeds, all or none: a user id already stored or given twice, a username an
   * unarchived user of the org has, or more than the store's bound is refused, naming it.
   */
  seed(users: User[]): string | undefined {
    const ids = new Set<string>();
    const usernames = new Set<string>();
    for (const [i, user] of users.entries()) {
      if (this.users.has(user.userId) || ids.has(user.userId)) return `users[${i}].userId ${user.userId} is already a user — give each user its own id`;
      const key = usernameKey(user.orgId, user.username);
      if (this.usernameTaken(user.orgId, user.username) || usernames.has(key)) return `users[${i}].username ${user.username} is already taken in org ${user.orgId}`;
      ids.add(user.userId);
      usernames.add(key);
    }
    if (this.createdTotal + users.length > DFNS_STORE_LIMITS.createdTotal) return `the reference stores at most ${DFNS_STORE_LIMITS.createdTotal} users besides its fixtures — reset it first`;
    const bytes = users.reduce((sum, user) => sum + new TextEncoder().encode(JSON.stringify(user)).length, 0);
    if (this.seededBytes + bytes > DFNS_STORE_LIMITS.seededBytes) return `the reference stores at most ${DFNS_STORE_LIMITS.seededBytes} bytes of seeded users — reset it first`;
    this.createdTotal += users.length;
    this.seededBytes += bytes;
    for (const user of users) this.insert(structuredClone(user));
    return undefined;
  }

  private insert(user: User): void {
    this.users.set(user.userId, { user, archived: false });
    const key = usernameKey(user.orgId, user.username);
    const ids = this.byUsername.get(key);
    if (ids) ids.add(user.userId);
    else this.byUsername.set(key, new Set([user.userId]));
  }
}

function usernameKey(orgId: string, username: string): string {
  return `${orgId}\n${asciiLowerCase(username)}`;
}
