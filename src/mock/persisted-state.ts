import type { ReferenceLogic } from "../reference/types.js";

/** The part of the Web Storage API the in-page mock uses (sessionStorage, localStorage). */
export interface StateStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type PersistMode = "session" | "local";

const FORMAT = 1;

/** The browser's storage for a persist mode; anywhere else a clear error. */
export function storageFor(mode: PersistMode): StateStorage {
  if (mode !== "session" && mode !== "local") throw new Error(`createMockApi: persist ${JSON.stringify(mode)} is not "session" or "local"`);
  const name = mode === "session" ? "sessionStorage" : "localStorage";
  const storage = (globalThis as Record<string, unknown>)[name] as StateStorage | undefined;
  if (!storage) throw new Error(`createMockApi: persist "${mode}" needs the browser's ${name}, which this runtime lacks — leave persist out here`);
  return storage;
}

/**
 * Keeps an API's users across reloads under `key`. What is stored is restored at start; stored
 * state that cannot be restored (unparseable, another format, a user the contract refuses) is
 * moved to `<key>:set-aside` with one warning, and the mock starts from its fixtures.
 */
export function persistedState(api: ReferenceLogic, name: string, storage: StateStorage, key: string, warn: (message: string) => void = console.warn) {
  if (!api.snapshot || !api.restore) throw new Error(`createMockApi: the ${name} reference cannot keep its state — leave persist out`);
  const { snapshot, restore } = api;
  const stored = storage.getItem(key);
  if (stored !== null) {
    const problem = restoreFrom(stored, name, restore);
    if (problem) {
      storage.setItem(`${key}:set-aside`, stored);
      storage.removeItem(key);
      warn(`archive-kit: the saved ${name} mock state (${key}) cannot be used: ${problem}; it was moved to ${key}:set-aside and the mock starts from its fixtures`);
    }
  }
  let warned = false;
  return {
    save() {
      try {
        storage.setItem(key, JSON.stringify({ format: FORMAT, api: name, snapshot: snapshot() }));
      } catch (error) {
        // A full storage quota must not break the app's requests: the state is simply not kept.
        if (!warned) warn(`archive-kit: the ${name} mock state could not be saved (${(error as Error).message}); it will not survive a reload`);
        warned = true;
      }
    },
  };
}

function restoreFrom(stored: string, name: string, restore: NonNullable<ReferenceLogic["restore"]>): string | undefined {
  let parsed: { format?: unknown; api?: unknown; snapshot?: unknown };
  try {
    parsed = JSON.parse(stored) as typeof parsed;
  } catch {
    return "it is not JSON";
  }
  if (parsed?.format !== FORMAT || parsed.api !== name) return `it is not archive-kit ${name} state of format ${FORMAT}`;
  const restored = restore(parsed.snapshot);
  return restored.ok ? undefined : restored.message;
}
