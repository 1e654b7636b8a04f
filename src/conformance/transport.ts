import { createRequire } from "node:module";
import type { Socket } from "node:net";
import type { buildConnector as BuildConnector, Client as UndiciClient } from "undici";
import { secretHeaderSet } from "../contract/index.js";
import { sendExchange } from "./http-exchange.js";
import { isDeliberatelyInvalid } from "./invalid-credential.js";
import { resolveTarget } from "./request.js";
import type { Exchange } from "./types.js";

export interface TransportOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  /** Credential headers besides the generic ones (the API plugin's): masked in reports. */
  secretHeaders?: readonly string[];
}

export interface OutgoingRequest {
  method: string;
  /** Path and query, relative to the base URL. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Headers as reports may show them: credentials keep their scheme's name (`Bearer ***`, `SSWS ***`),
 * never their value; the deliberately invalid token is shown as sent.
 */
export function maskHeaders(headers: Record<string, string>, secretHeaders: ReadonlySet<string> = secretHeaderSet()): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      if (!secretHeaders.has(name.toLowerCase()) || isDeliberatelyInvalid(value)) return [name, value];
      // An auth scheme is one token (RFC 9110 §11.1) before the credential.
      const scheme = /^([A-Za-z][\w!#$%&'*+.^`|~-]*)\s+\S/.exec(value)?.[1];
      return [name, scheme ? `${scheme} ***` : "***"];
    }),
  );
}

const require = createRequire(import.meta.url);
// The two undici modules a transport uses, not the package's index: that loads all of undici
// (fetch, WebSocket, caches, mocks), 180 ms of every run's start-up against 40 ms for these.
// undici is pinned, and its package exposes these files (it has no "exports" map).
const Client = require("undici/lib/dispatcher/client.js") as typeof UndiciClient;
const buildConnector = require("undici/lib/core/connect.js") as typeof BuildConnector;

/** The longest exchange deadline: an hour, well inside what a Node timer can hold (2^31-1 ms). */
export const MAX_TIMEOUT_MS = 3_600_000;

/** Informational (1xx) answers tolerated before the final one; a server sending more is broken. */
export const MAX_INFORMATIONAL_RESPONSES = 10;

/**
 * One HTTP client per run (undici, keep-alive), never following redirects, isolated per case.
 *
 * `session()` opens what one case (or one fuzz example) sends: its exchanges go out in order and
 * may reuse one keep-alive connection, which no other session ever uses, so a server misbehaving
 * on one case's exchange can never fail another case's. A connection that sees anything abnormal
 * (an error, a timeout, bytes past a response, a malformed answer) is destroyed at once, and the
 * session's next exchange opens a fresh one; `Connection: close` ends it too. `close()` the
 * session when the case is done. `send` outside a session sends on a connection of its own.
 */
export function createTransport(baseUrl: string, options: TransportOptions) {
  // A longer timer would overflow and fire at once, failing every request in 1 ms.
  if (!(options.timeoutMs >= 1 && options.timeoutMs <= MAX_TIMEOUT_MS)) throw new RangeError(`timeoutMs must be from 1 to ${MAX_TIMEOUT_MS}, not ${options.timeoutMs}`);
  const base = new URL(baseUrl);
  const secretHeaders = secretHeaderSet(options.secretHeaders);
  // No connect timeout of its own: the exchange's deadline covers connecting too.
  const connector = buildConnector({ timeout: 0 });
  const open = new Set<Session>();
  let answered = 0;
  let attempted = 0;
  let connected = 0;

  function session(): Session {
    let client: UndiciClient | undefined;
    let socket: Socket | undefined;
    const connect: BuildConnector.connector = (connectOptions, callback) => {
      // undici's connector returns the socket it opens (its types say void): counted on TCP connect, TLS or not.
      const opened = connector(connectOptions, callback) as unknown as Socket;
      opened.once("connect", () => connected++);
      socket = opened;
    };
    let sent = 0;
    const dropConnection = () => {
      client?.destroy(SESSION_ENDED, ignore);
      client = undefined;
      socket = undefined;
    };
    const opened: Session = {
      send(outgoing) {
        const url = resolveTarget(base, outgoing.target);
        const started = performance.now();
        const request = { method: outgoing.method, url: url.toString(), target: outgoing.target, headers: maskHeaders(outgoing.headers, secretHeaders), body: outgoing.body ?? "" };
        // One connection at a time, no pipelining: an answer can only belong to the request before it.
        client ??= new Client(base.origin, { connect, pipelining: 1, headersTimeout: 0, bodyTimeout: 0 });
        const exchange = sendExchange(client, { method: outgoing.method, path: url.pathname + url.search, headers: outgoing.headers, body: outgoing.body }, {
          timeoutMs: options.timeoutMs,
          maxResponseBytes: options.maxResponseBytes,
          maxInformational: MAX_INFORMATIONAL_RESPONSES,
          connection: () => socket,
        });
        attempted++;
        const sequence = sent++;
        return exchange.then(({ outcome, answered: anyBytes }) => {
          if (anyBytes) answered++;
          if (outcome.error) dropConnection();
          return { request, ...outcome, sequence, durationMs: Math.round(performance.now() - started) };
        });
      },
      close() {
        dropConnection();
        open.delete(opened);
      },
    };
    open.add(opened);
    return opened;
  }

  return {
    session,
    close: () => {
      for (const each of open) each.close();
    },
    /**
     * How many requests got any bytes back, a well-formed response or not (0: the implementation
     * was never reached). A server answering garbage was reached; it is judged, not "not running".
     */
    answered: () => answered,
    /** How many requests were sent at all (a target refused before sending is not). */
    attempted: () => attempted,
    /** How many connections the implementation accepted: reached by TCP, whether it answered or not. */
    connected: () => connected,
    /**
     * Sends one request on a connection of its own; throws TargetOutsideBaseUrl, without sending,
     * for a target that would leave the base URL.
     */
    send(outgoing: OutgoingRequest): Promise<Exchange> {
      const single = session();
      return single.send(outgoing).finally(() => single.close());
    },
  };
}

/** Why a session's connection ends: one error for all, since undici would build one, stack and all, per connection. */
const SESSION_ENDED = new Error("the session ended its connection");
const ignore = () => {};

/** What one case sends: its exchanges in order, on connections no other session uses. */
export interface Session {
  /** Sends one request; throws TargetOutsideBaseUrl, without sending, for a target that would leave the base URL. */
  send(outgoing: OutgoingRequest): Promise<Exchange>;
  /** Ends the session's connection; call it once the case is done. */
  close(): void;
}

export type Transport = ReturnType<typeof createTransport>;
