import { randomBytes } from "../../../encoding/random.js";
import type { components } from "../../../generated/intercom.js";
import { asciiLowerCase } from "../../../reference/ascii-case.js";

export type User = components["schemas"]["User"];
export type UserAttributes = components["schemas"]["UserAttributes"];

/** A fixture user: the identifying fields, plus any other User fields. */
export type FixtureUser = Partial<User> & { id: string };

interface StoredUser {
  user: User;
  archived: boolean;
  /** Created through the API (not seeded from the fixtures). */
  created: boolean;
  /** Serialised bytes of this user counted against `createdBytes`: 0 until the API writes it. */
  accountedBytes: number;
}

/**
 * What the API may add to the store on top of the fixtures, so that no caller can grow the
 * server without bound. The documents are silent on all of these; they are the reference's choice.
 */
export const INTERCOM_STORE_LIMITS = {
  /** One user, serialised as JSON. */
  userBytes: 16 * 1024,
  /** Users created through the API and still stored (permanent deletion frees a place). */
  createdUsers: 5_000,
  /** Serialised bytes of every user the API created or updated. */
  createdBytes: 16 * 1024 * 1024,
} as const;

export type StoreRefusal = { refused: "user-too-large"; bytes: number } | { refused: "store-full"; limit: string };

/** A user the way a real Intercom 1.3 answers: every field present, unknowns null. */
export function completeUser(partial: FixtureUser, appId: string, nowSeconds: number): User {
  const { id, ...fields } = partial;
  const createdAt = partial.created_at ?? nowSeconds;
  return {
    type: "user",
    id,
    user_id: null,
    anonymous: false,
    email: null,
    phone: null,
    name: null,
    pseudonym: null,
    avatar: { type: "avatar", image_url: null },
    app_id: appId,
    companies: { type: "company.list", companies: [] },
    location_data: {},
    last_request_at: null,
    created_at: createdAt,
    remote_created_at: null,
    signed_up_at: null,
    updated_at: createdAt,
    session_count: 0,
    social_profiles: { type: "social_profile.list", social_profiles: [] },
    owner_id: null,
    unsubscribed_from_emails: false,
    marked_email_as_spam: false,
    has_hard_bounced: false,
    tags: { type: "tag.list", tags: [] },
    segments: { type: "segment.list", segments: [] },
    custom_attributes: {},
    referrer: null,
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    do_not_track: null,
    last_seen_ip: null,
    user_agent_data: null,
    ...fields,
    // Intercom stores e-mail addresses lower-cased.
    ...(fields.email ? { email: lowerCaseEmail(fields.email) } : {}),
  };
}

/** Intercom stores e-mails lower-cased: ASCII letters only (see `asciiLowerCase`), so U+212A KELVIN SIGN is not `k`. */
export function lowerCaseEmail(email: string): string {
  return asciiLowerCase(email);
}

/** Intercom-style ids: 8 hex digits of creation time, then 16 random hex digits. */
export function newIntercomId(nowSeconds: number): string {
  return nowSeconds.toString(16).padStart(8, "0") + [...randomBytes(8)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The users of one app, archived or not. Permanent deletion removes them for good. */
/** Ids by the value of one identifying field, in insertion order. */
class FieldIndex {
  private readonly ids = new Map<string, Set<string>>();

  add(value: string | null | undefined, id: string): void {
    if (!value) return;
    let ids = this.ids.get(value);
    if (!ids) this.ids.set(value, (ids = new Set()));
    ids.add(id);
  }

  remove(value: string | null | undefined, id: string): void {
    if (value) this.ids.get(value)?.delete(id);
  }

  get(value: string): string[] {
    return [...(this.ids.get(value) ?? [])];
  }
}

/** The users of one app, archived or not, indexed by user_id and e-mail. Permanent deletion removes them for good. */
export class UserStore {
  private readonly users = new Map<string, StoredUser>();
  private readonly byUserId = new FieldIndex();
  private readonly byEmail = new FieldIndex();

  private createdUsers = 0;
  private createdBytes = 0;

  constructor(private readonly appId: string) {}

  add(user: User, created = false, accountedBytes = 0, archived = false): void {
    this.users.set(user.id, { user, archived, created, accountedBytes });
    this.byUserId.add(user.user_id, user.id);
    this.byEmail.add(user.email, user.id);
  }

  /** An unarchived user by Intercom id. */
  activeById(id: string): User | undefined {
    const stored = this.users.get(id);
    return stored && !stored.archived ? stored.user : undefined;
  }

  activeByUserId(userId: string): User | undefined {
    return this.stored(this.byUserId.get(userId)).find((stored) => !stored.archived)?.user;
  }

  activeByEmail(email: string): User[] {
    return this.stored(this.byEmail.get(lowerCaseEmail(email))).filter((stored) => !stored.archived).map((stored) => stored.user);
  }

  active(): User[] {
    return [...this.users.values()].filter((stored) => !stored.archived).map((stored) => stored.user);
  }

  /** Every user, archived or not, in insertion order (for the admin state). */
  all(): Array<{ user: User; archived: boolean }> {
    return [...this.users.values()].map(({ user, archived }) => ({ user, archived }));
  }

  /** Archives an unarchived user; undefined when there is none with this id. */
  archive(id: string, nowSeconds: number): User | undefined {
    const stored = this.users.get(id);
    if (!stored || stored.archived) return undefined;
    stored.archived = true;
    stored.user = { ...stored.user, updated_at: nowSeconds };
    return stored.user;
  }

  /** Deletes a user, archived or not, for good; false when there is none. */
  deletePermanently(id: string): boolean {
    const stored = this.users.get(id);
    if (!stored) return false;
    if (stored.created) this.createdUsers--;
    this.createdBytes -= stored.accountedBytes;
    this.byUserId.remove(stored.user.user_id, id);
    this.byEmail.remove(stored.user.email, id);
    return this.users.delete(id);
  }

  /**
   * Create or update: looks up by id, then user_id, then e-mail (archived users too, who are
   * unarchived); creates a user when none matches. Several unarchived users sharing the e-mail
   * is a conflict. A write that would break `INTERCOM_STORE_LIMITS` is refused and changes nothing.
   */
  createOrUpdate(attributes: UserAttributes, nowSeconds: number): { user: User } | { conflict: true } | StoreRefusal {
    const byEmail = attributes.email ? this.allByEmail(attributes.email) : [];
    const byUserId = attributes.user_id ? this.stored(this.byUserId.get(attributes.user_id)) : [];
    const found =
      (attributes.id ? this.users.get(attributes.id) : undefined) ??
      (byUserId.find((stored) => !stored.archived) ?? byUserId[0]) ??
      (byEmail.length > 1 ? "conflict" : byEmail[0]);
    if (found === "conflict") return { conflict: true };

    const { id: _lookupId, update_last_request_at, new_session, companies, ...attributeFields } = attributes;
    const fields: Partial<User> = {
      ...attributeFields,
      ...(companies ? { companies: toCompanyList(companies) } : {}),
    };
    if (found) {
      const before = found.user;
      const updated: User = {
        ...before,
        ...fields,
        ...(fields.email ? { email: lowerCaseEmail(fields.email) } : {}),
        custom_attributes: { ...before.custom_attributes, ...fields.custom_attributes },
        session_count: (before.session_count ?? 0) + (new_session ? 1 : 0),
        ...(update_last_request_at ? { last_request_at: nowSeconds } : {}),
        updated_at: nowSeconds,
      };
      const bytes = serialisedBytes(updated);
      const refusal = this.refusal(bytes, bytes - found.accountedBytes, 0);
      if (refusal) return refusal;
      this.createdBytes += bytes - found.accountedBytes;
      found.accountedBytes = bytes;
      found.archived = false;
      found.user = updated;
      this.reindex(before, found.user);
      return { user: found.user };
    }
    const user = completeUser(
      {
        ...fields,
        id: newIntercomId(nowSeconds),
        session_count: new_session ? 1 : 0,
        ...(update_last_request_at ? { last_request_at: nowSeconds } : {}),
      },
      this.appId,
      nowSeconds,
    );
    const bytes = serialisedBytes(user);
    const refusal = this.refusal(bytes, bytes, 1);
    if (refusal) return refusal;
    this.createdUsers++;
    this.createdBytes += bytes;
    this.add(user, true, bytes);
    return { user };
  }

  /**
   * Adds users a test seeds, all or none, counted against `INTERCOM_STORE_LIMITS` as users the
   * API created: an id already stored or given twice, or a user or the lot over a bound, is refused.
   */
  seed(users: User[]): string | undefined {
    const ids = new Set<string>();
    let bytes = 0;
    for (const [i, user] of users.entries()) {
      if (this.users.has(user.id) || ids.has(user.id)) return `users[${i}].id ${user.id} is already a user — give each user its own id, or none`;
      ids.add(user.id);
      const size = serialisedBytes(user);
      if (size > INTERCOM_STORE_LIMITS.userBytes) return `users[${i}] would take ${size} bytes; at most ${INTERCOM_STORE_LIMITS.userBytes} are stored per user`;
      bytes += size;
    }
    const refusal = this.refusal(0, bytes, users.length);
    if (refusal?.refused === "store-full") return `the reference stores at most ${refusal.limit} — reset it first`;
    this.createdUsers += users.length;
    this.createdBytes += bytes;
    for (const user of users) this.add(structuredClone(user), true, serialisedBytes(user));
    return undefined;
  }

  private refusal(bytes: number, addedBytes: number, addedUsers: number): StoreRefusal | undefined {
    const limits = INTERCOM_STORE_LIMITS;
    if (bytes > limits.userBytes) return { refused: "user-too-large", bytes };
    if (this.createdUsers + addedUsers > limits.createdUsers) return { refused: "store-full", limit: `${limits.createdUsers} users created through the API` };
    if (this.createdBytes + addedBytes > limits.createdBytes) return { refused: "store-full", limit: `${limits.createdBytes} bytes of users written through the API` };
    return undefined;
  }

  private reindex(before: User, after: User): void {
    this.byUserId.remove(before.user_id, before.id);
    this.byEmail.remove(before.email, before.id);
    this.byUserId.add(after.user_id, after.id);
    this.byEmail.add(after.email, after.id);
  }

  private allByEmail(email: string): StoredUser[] {
    const matches = this.stored(this.byEmail.get(lowerCaseEmail(email)));
    const active = matches.filter((stored) => !stored.archived);
    // An archived user re-added by e-mail is found even though unarchived users are preferred.
    return active.length > 0 ? active : matches.slice(0, 1);
  }

  private stored(ids: string[]): StoredUser[] {
    return ids.map((id) => this.users.get(id)!);
  }
}

function serialisedBytes(user: User): number {
  return new TextEncoder().encode(JSON.stringify(user)).length;
}

function toCompanyList(companies: NonNullable<UserAttributes["companies"]>): User["companies"] {
  return {
    type: "company.list",
    companies: companies.map((company) => ({ type: "company", id: company.company_id, company_id: company.company_id, name: company.name ?? null })),
  };
}
