import { http, type HttpHandler } from "msw";
import type { operations as DfnsOperations } from "./generated/dfns.js";
import type { operations as IntercomOperations } from "./generated/intercom.js";
import type { JournalEntry } from "./reference/request-journal.js";
import { createReferenceFetch, type ReferenceServerOptions } from "./wiring.js";

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type AsNumber<Text> = Text extends `${infer N extends number}` ? N : never;
/** The statuses a documented response key stands for: 429 for 429, 400 to 499 for "4XX". */
type StatusesOf<Key> = Key extends number ? Key : Key extends `${infer Class extends 1 | 2 | 3 | 4 | 5}XX` ? AsNumber<`${Class}${Digit}${Digit}`> : never;
/** Every status an operation documents, ranges spelled out. */
export type DocumentedStatus<Operation> = Operation extends { responses: infer Responses } ? StatusesOf<keyof Responses> : never;

/** The operations of the built-in APIs, by API name, from the generated contract types. */
export interface MockApiOperations {
  intercom: IntercomOperations;
  dfns: DfnsOperations;
}

/** The reference's settings (fixtures, latencyMs, failRate, seed, plugins; a socket's port, host and log do not apply), and where to answer. */
export type MockApiOptions<Api extends string> = ReferenceServerOptions & {
  api: Api;
  /** Where the handlers answer: the vendor's own base URL by default (the contract's first server), so the app's code is unchanged. */
  baseUrl?: string;
};

type OperationsOf<Api extends string> = Api extends keyof MockApiOperations ? MockApiOperations[Api] : Record<string, { responses: Record<number, unknown> }>;

export interface MockApi<Api extends string> {
  /** For `setupServer(...handlers)` (Node, vitest) or `setupWorker(...handlers)` (a page). */
  handlers: HttpHandler[];
  baseUrl: string;
  /** TEST-ONLY credentials of the fixtures (the token the app should send). */
  credentials: Record<string, string>;
  /** Users and their archive state, as `GET /__archive-kit/state` shows them. */
  state(): Record<string, unknown>;
  /** Back to the fixtures: planned answers and the journal forgotten too. */
  reset(): void;
  /** Adds users, each checked against the contract, all or none; a refusal names the user and field. */
  seed(users: unknown[]): { ok: true } | { ok: false; message: string };
  /**
   * The operation's next requests (`times`, 1 by default) get this documented status, with the
   * named example if given. Typed by operation and documented status; an undocumented one also
   * throws at run time, naming what exists.
   */
  respond<Operation extends keyof OperationsOf<Api> & string>(operationId: Operation, status: DocumentedStatus<OperationsOf<Api>[Operation]>, options?: { example?: string; times?: number }): void;
  /** What the app sent, oldest first (the newest 1,000), credentials redacted. */
  requests(): JournalEntry[];
}

/**
 * The stateful reference of an API as MSW request handlers: the same engine `mock --stateful`
 * runs, so the app under test sees the same answers in vitest or in the page as from the server.
 * Two mocks never share state.
 */
export async function createMockApi<Api extends string>(options: MockApiOptions<Api>): Promise<MockApi<Api>> {
  const { baseUrl: givenBaseUrl, ...settings } = options;
  const reference = await createReferenceFetch(settings);
  const baseUrl = (givenBaseUrl ?? reference.vendorBaseUrl ?? "").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new Error(`createMockApi: baseUrl ${JSON.stringify(baseUrl)} is not an http(s) URL — pass baseUrl, like "https://api.intercom.io"`);
  return {
    handlers: [http.all(`${baseUrl}/*`, ({ request }) => reference.fetch(request))],
    baseUrl,
    credentials: reference.credentials,
    state: reference.state,
    reset: reference.reset,
    seed: reference.seed,
    respond(operationId, status, respondOptions = {}) {
      const planned = reference.respond({ operationId, status, ...respondOptions });
      if (!planned.ok) throw new Error(`respond: ${planned.message}`);
    },
    requests: reference.requests,
  };
}
