import { http, type HttpHandler } from "msw";
import type { operations as DfnsOperations } from "./generated/dfns.js";
import type { operations as IntercomOperations } from "./generated/intercom.js";
import type { TestCredentials } from "./plugin.js";
import type { JournalEntry } from "./reference/request-journal.js";
import { PAGE_REFERENCES, type PageApiName } from "./apis/page-references.js";
import { createPageReference, type PageReferenceOptions } from "./mock/in-page.js";

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

/** Which API, where it answers (`baseUrl`, the vendor's own by default), its fixtures as data, `persist`, and the reference's settings (latencyMs, failRate, seed, cors, an API's own such as rateLimit). */
export type MockApiOptions<Api extends PageApiName> = PageReferenceOptions & {
  /** A built-in API: "intercom" or "dfns". */
  api: Api;
};

type OperationsOf<Api extends PageApiName> = MockApiOperations[Api];

export interface MockApi<Api extends PageApiName> {
  /** For `setupServer(...handlers)` (Node, vitest) or `setupWorker(...handlers)` (a page). */
  handlers: HttpHandler[];
  baseUrl: string;
  /** TEST-ONLY credentials of the fixtures: the token the app should send (and for Dfns the credential id and its private key's PEM text). */
  credentials: TestCredentials;
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
export async function createMockApi<Api extends PageApiName>(options: MockApiOptions<Api>): Promise<MockApi<Api>> {
  const page = Object.hasOwn(PAGE_REFERENCES, options.api) ? PAGE_REFERENCES[options.api] : undefined;
  if (!page) throw new Error(`createMockApi: no built-in API ${JSON.stringify(options.api)} — use one of ${Object.keys(PAGE_REFERENCES).join(", ")}`);
  const { reference, baseUrl } = await createPageReference(page, options);
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
