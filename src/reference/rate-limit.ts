export interface RateLimitSettings {
  /** Requests allowed per window and key. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends, in Unix seconds. */
  resetAt: number;
}

/** A fixed-window request counter per key (a token). */
export function createRateLimiter(settings: RateLimitSettings, now: () => number) {
  const windows = new Map<string, { startedAt: number; used: number }>();
  const windowMs = settings.windowSeconds * 1000;

  const current = (key: string) => {
    const at = now();
    let window = windows.get(key);
    if (!window || at - window.startedAt >= windowMs) {
      window = { startedAt: at, used: 0 };
      windows.set(key, window);
    }
    return window;
  };
  const state = (window: { startedAt: number; used: number }, allowed: boolean): RateLimitState => ({
    allowed,
    limit: settings.limit,
    remaining: Math.max(0, settings.limit - window.used),
    resetAt: Math.ceil((window.startedAt + windowMs) / 1000),
  });

  return {
    /** Counts one request against the key. */
    take(key: string): RateLimitState {
      const window = current(key);
      if (window.used >= settings.limit) return state(window, false);
      window.used++;
      return state(window, true);
    },
    /** The key's state without counting a request; an unknown key is not remembered (any address may ask). */
    peek(key: string): RateLimitState {
      const window = windows.get(key);
      const at = now();
      return state(window && at - window.startedAt < windowMs ? window : { startedAt: at, used: 0 }, true);
    },
  };
}
