import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describeCause, UserError } from "../errors.js";
import type { CorsSettings } from "./cors.js";
import { createReferenceEngine, type ReferenceEngine } from "./engine.js";
import type { FaultSettings } from "./faults.js";
import { createRequestLogFormatter } from "./request-log.js";
import type { ReferenceLogic, ReferenceResponse } from "./types.js";

export interface ServeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Check every response against the contract and collect what breaks it (for tests). */
  checkResponses: boolean;
  maxBodyBytes?: number;
  /** Latency and random failures for API requests (never for anything else the server answers). */
  faults?: FaultSettings;
  /** CORS for pages on other origins: any origin unless restricted; `false` turns it off. */
  cors?: CorsSettings | false;
  /** Receives one line per request (method, path, status, milliseconds); no logging without it. */
  log?: (line: string) => void;
  /** Host names answered besides IP addresses, localhost and `host` (src/reference/host-guard.ts). */
  allowedHosts?: string[];
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  /** The engine it serves: its violations, reset, planned answers and journal. */
  engine: ReferenceEngine;
  close(): Promise<void>;
}

/** Serves an API's reference logic over HTTP: a thin node:http adapter over the engine (src/reference/engine.ts). */
export async function serve(api: ReferenceLogic, options: ServeOptions): Promise<RunningServer> {
  const engine = createReferenceEngine(api, {
    checkResponses: options.checkResponses,
    maxBodyBytes: options.maxBodyBytes,
    faults: options.faults,
    cors: options.cors,
    hosts: { listen: options.host, allowed: options.allowedHosts },
  });
  const formatLogLine = options.log ? createRequestLogFormatter(api.contract) : undefined;

  // Node would answer a missing Host itself, with a bare 400: the engine answers it in the API's envelope.
  const server = createServer({ requireHostHeader: false }, (incoming, outgoing) => {
    const startedAt = performance.now();
    if (options.log && formatLogLine) {
      const log = options.log;
      outgoing.once("close", () => {
        const status = outgoing.headersSent ? outgoing.statusCode : undefined;
        log(formatLogLine({ method: incoming.method ?? "", target: incoming.url ?? "", status, milliseconds: performance.now() - startedAt, headers: incoming.headers }));
      });
    }
    readBody(incoming, engine.maxBodyBytes)
      .then(async (body) => {
        const { response, closeConnection } = await engine.handle({
          method: incoming.method ?? "GET",
          target: incoming.url ?? "",
          headers: joinedHeaders(incoming),
          body,
          remoteAddress: incoming.socket.remoteAddress ?? "",
          httpVersion: incoming.httpVersion,
        });
        send(outgoing, response, closeConnection);
      }, () => outgoing.destroy())
      .catch(() => failSafely(engine, outgoing));
  });

  // Without this listener Node answers an Expect other than 100-continue with a bare 417.
  server.on("checkExpectation", (incoming: IncomingMessage, outgoing: ServerResponse) => {
    incoming.resume();
    try {
      send(outgoing, engine.failure(417, `Expect: ${incoming.headers.expect ?? ""} is not supported; only 100-continue is`), true);
    } catch {
      failSafely(engine, outgoing);
    }
  });

  // Requests Node's HTTP parser rejects still get the API's error envelope, then the socket closes.
  server.on("clientError", (_error, socket) => {
    if (!socket.writable) return socket.destroy();
    const response = engine.failure(400, "the request is not valid HTTP");
    const body = JSON.stringify(response.body);
    const headers = Object.entries({ ...response.headers, "Content-Length": String(Buffer.byteLength(body)), Connection: "close" });
    socket.end(`HTTP/1.1 400 Bad Request\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n${body}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, options)));
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    host: options.host,
    engine,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The body as text, or undefined when it is larger than allowed (the rest is not read). */
function readBody(incoming: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.removeAllListeners("data");
        incoming.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    incoming.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    incoming.on("error", reject);
  });
}

/** Repeated headers joined with ", ", as HTTP allows for list-valued ones. */
function joinedHeaders(incoming: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(incoming.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  return headers;
}

function send(outgoing: ServerResponse, response: ReferenceResponse, closeAfter = false): void {
  const body = response.body === undefined ? "" : JSON.stringify(response.body);
  const headers: Record<string, string> = { ...response.headers };
  headers["Content-Length"] = String(Buffer.byteLength(body));
  if (closeAfter) headers.Connection = "close";
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}

/**
 * Something threw outside the API's handler (serialising or writing the answer): a 500 in the
 * envelope when nothing was sent yet, else the connection is closed. Never the process.
 */
function failSafely(engine: ReferenceEngine, outgoing: ServerResponse): void {
  try {
    if (!outgoing.headersSent && !outgoing.destroyed) return send(outgoing, engine.failure(500, "the answer could not be sent"), true);
  } catch {
    // Even the error answer failed: closing the connection is all that is left.
  }
  outgoing.destroy();
}

function listenError(error: NodeJS.ErrnoException, options: ServeOptions): Error {
  if (error.code === "EADDRINUSE") {
    return new UserError(`port ${options.port} on ${options.host} is already in use — pass --port with a free port`);
  }
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
    return new UserError(`host ${options.host} is not an address of this machine — pass --host 127.0.0.1`);
  }
  if (error.code === "EACCES") {
    return new UserError(`port ${options.port} needs privileges — pass --port 1024 or higher`);
  }
  return new UserError(`cannot listen on ${options.host}:${options.port}: ${describeCause(error)}`);
}
