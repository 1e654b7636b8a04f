/** One request a reference server received, as `GET /__archive-kit/requests` shows it. */
export interface JournalEntry {
  /** Sequence number since the server started (or was reset), from 1. */
  number: number;
  method: string;
  /** Path and query as sent, with undocumented query parameters and credentials redacted (as in the request log). */
  target: string;
  /** The documented operation it was routed to; absent for a path no operation has. */
  operationId?: string;
  /** The status the reference answered (whether or not the client stayed to read it). */
  status: number;
  /** When it arrived, as an ISO 8601 time. */
  receivedAt: string;
}

/** How many requests the journal keeps: the newest, so that no caller can grow it without bound. */
export const JOURNAL_LIMIT = 1_000;

/** The last JOURNAL_LIMIT API requests (admin requests are not recorded). */
export function createRequestJournal() {
  let entries: JournalEntry[] = [];
  let received = 0;
  return {
    record(entry: Omit<JournalEntry, "number">): void {
      entries.push({ number: ++received, ...entry });
      if (entries.length > JOURNAL_LIMIT) entries = entries.slice(-JOURNAL_LIMIT);
    },
    entries: (): JournalEntry[] => entries.map((entry) => ({ ...entry })),
    clear(): void {
      entries = [];
      received = 0;
    },
  };
}

export type RequestJournal = ReturnType<typeof createRequestJournal>;
