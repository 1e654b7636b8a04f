/**
 * Short-lived entries (challenges, user action tokens, nonces) held per owner, bounded per owner
 * and in total. Every entry of one registry lives for the same duration, so insertion order is
 * expiry order: expired entries are swept from the oldest end, and nothing ever scans the rest.
 */
export interface RegistryLimits {
  perOwner: number;
  total: number;
  /** What adding beyond `perOwner` does: forget the owner's oldest entry, or refuse the new one. */
  whenOwnerFull: "forget-oldest" | "refuse";
}

export type AddOutcome = { ok: true } | { ok: false; limit: "owner" | "total" };

interface Entry<V> {
  owner: string;
  forgetAt: number;
  value: V;
}

export class BoundedRegistry<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly byOwner = new Map<string, Set<string>>();

  constructor(
    readonly limits: RegistryLimits,
    private readonly lifetimeMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry's value while it is remembered. */
  get(key: string, at: number): { owner: string; value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.forgetAt <= at) {
      this.delete(key);
      return undefined;
    }
    return entry;
  }

  has(key: string, at: number): boolean {
    return this.get(key, at) !== undefined;
  }

  add(key: string, owner: string, value: V, at: number): AddOutcome {
    this.sweep(at);
    const owned = this.byOwner.get(owner);
    if (owned && owned.size >= this.limits.perOwner) {
      if (this.limits.whenOwnerFull === "refuse") return { ok: false, limit: "owner" };
      this.delete(owned.values().next().value!);
    }
    if (this.entries.size >= this.limits.total) return { ok: false, limit: "total" };
    this.entries.set(key, { owner, forgetAt: at + this.lifetimeMs, value });
    if (owned) owned.add(key);
    else this.byOwner.set(owner, new Set([key]));
    return { ok: true };
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const owned = this.byOwner.get(entry.owner);
    owned?.delete(key);
    if (owned?.size === 0) this.byOwner.delete(entry.owner);
  }

  clear(): void {
    this.entries.clear();
    this.byOwner.clear();
  }

  values(at: number): V[] {
    this.sweep(at);
    return [...this.entries.values()].map((entry) => entry.value);
  }

  /** Forgets expired entries from the oldest end; stops at the first live one. */
  sweep(at: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.forgetAt > at) return;
      this.delete(key);
    }
  }
}
