import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CheckRegistry } from "../checks/registry.js";
import type { Contract } from "../contract/index.js";
import { combineHeaders } from "../conformance/http-headers.js";
import { parseJson, responseOutcome } from "../conformance/http-exchange.js";
import type { Redactor } from "../conformance/redact.js";
import { storedResult } from "../conformance/stored.js";
import { maskHeaders } from "../conformance/transport.js";
import type { CaseResult, Exchange, ReceivedResponse, SentRequest } from "../conformance/types.js";
import { GENERIC_SECRET_HEADERS, headerApiKeys, secretHeaderSet } from "../contract/index.js";
import { describeCause, UserError } from "../errors.js";
import type { ApiPlugin } from "../plugin.js";
import type { ReferenceLogic, ReferenceResponse } from "../reference/types.js";
import { createRollingRedactor } from "./rolling-redactor.js";
import { createForwarder, endToEndLines, type RawRequest, type RawResponse } from "./forward.js";
import { exchangeCase, pluginTrafficJudge, type TrafficJudge, type TrafficRule } from "./judge-traffic.js";

/** What the proxy does with what breaks the contract: report it, or also refuse it. */
export interface Enforcement {
  requests: boolean;
  responses: boolean;
}

export interface ProxyOptions {
  plugin: ApiPlugin;
  contract: Contract;
  upstream: URL;
  host: string;
  /** 0 picks a free port. */
  port: number;
  checks: CheckRegistry;
  enforce: Enforcement;
  /** Credentials given on the command line: never shown, even if the traffic echoes them. */
  secrets: readonly string[];
  timeoutMs: number;
  /** Where enforce mode takes the API's own refusals from (its reference's envelope). */
  refusals: Pick<ReferenceLogic, "failure" | "unrouted">;
  /** Told of every exchange once judged, in the order they finish. */
  onExchange(exchange: ProxiedExchange): void;
}

/** One exchange that passed through, judged and redacted: what every output of the proxy is written from. */
export interface ProxiedExchange {
  /** From 1, in the order requests arrived. */
  sequence: number;
  /** One case of one step, as the reporters take it (redacted). */
  result: CaseResult;
  rule: TrafficRule;
  /** Who answered the client: the upstream, or the proxy (unreachable upstream, enforce mode). */
  answeredBy: "upstream" | "proxy";
  /** The request's and the response's bodies carried a secret the redactor masked: not replayable as recorded. */
  carriesSecrets: boolean;
}

/** The largest request body the proxy reads (it must hold a body to judge it). */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Header names that say they carry a secret, in any API: a nonce, a token, a signature, a key. */
const SECRET_HEADER_NAME = /nonce|token|secret|signature|useraction|api-?key|session/i;
/** Body keys whose string values are secrets a proxy sees echoed: challenges, nonces, signatures, action tokens. */
const SECRET_BODY_KEY = /^(challenge|challengeIdentifier|nonce|signature|userAction|clientData|authenticatorData|attestationData|secret)$/i;

export interface RunningProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a validating proxy in front of `upstream`: each request goes on byte for byte (its Host
 * becomes the upstream's), each answer comes back byte for byte, and each exchange is judged in
 * both directions. It answers in the upstream's place only when the upstream cannot be reached
 * (a 502) or, in enforce mode, to refuse what breaks the contract.
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const { contract, plugin } = options;
  const forwarder = createForwarder(options.upstream, { timeoutMs: options.timeoutMs, maxResponseBytes: MAX_RESPONSE_BYTES });
  const secretHeaders = new Set([...secretHeaderSet([...plugin.conformance.secretHeaders, ...headerApiKeys(contract)])]);
  const isSecretHeader = (name: string) => secretHeaders.has(name.toLowerCase()) || SECRET_HEADER_NAME.test(name);
  const rolling = createRollingRedactor({ secretHeaders, secretKeys: SECRET_BODY_KEY }, options.secrets);
  const { redactor } = rolling;
  const judge = pluginTrafficJudge(plugin, contract, options.checks);
  let sequence = 0;

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const started = performance.now();
    const number = ++sequence;
    const body = await readBody(incoming);
    const raw: RawRequest = { method: incoming.method ?? "GET", target: incoming.url ?? "/", rawHeaders: incoming.rawHeaders, body: body ?? Buffer.alloc(0) };
    const headers = lowerCased(incoming.rawHeaders);
    const text = raw.body.toString("utf8");
    const json = parseJson(text);
    rolling.exchanged();
    for (const name of GENERIC_SECRET_HEADERS) if (headers[name]) rolling.keepHeader(name, headers[name]);
    learnSecrets(redactor, headers, json, isSecretHeader);
    const sent: SentRequest = {
      method: raw.method,
      url: new URL(`${options.upstream.pathname.replace(/\/+$/, "")}${raw.target}`, options.upstream.origin).toString(),
      target: raw.target,
      headers: maskHeaders(Object.fromEntries(pairs(endToEndLines(incoming.rawHeaders))), new Set([...Object.keys(headers)].filter(isSecretHeader))),
      body: text,
    };
    const seen = { headers, query: new URLSearchParams(raw.target.includes("?") ? raw.target.slice(raw.target.indexOf("?") + 1) : "") };
    const title = `#${number} ${raw.method} ${raw.target}`;
    let exchange: Exchange;
    let answeredBy: ProxiedExchange["answeredBy"] = "upstream";
    const refusedRequest = body === undefined ? options.refusals.failure(undefined, 400, `the request body exceeds ${MAX_REQUEST_BYTES} bytes`) : options.enforce.requests ? requestRefusal(options, raw, sent, seen, judge) : undefined;
    if (refusedRequest) {
      answeredBy = "proxy";
      const response = send(outgoing, referenceAnswer(refusedRequest));
      exchange = { request: sent, response: received(response), sequence: number, durationMs: elapsed(started) };
    } else {
      const forwarded = await forwarder.forward(raw);
      if ("error" in forwarded) {
        answeredBy = "proxy";
        exchange = { request: sent, error: forwarded.error, sequence: number, durationMs: forwarded.durationMs };
        send(outgoing, proxyError(502, `archive-kit proxy: the upstream ${options.upstream.origin} gave no usable answer (${forwarded.error.message}) — start it, or fix --upstream`));
      } else {
        const response = received(forwarded.response);
        exchange = { request: sent, response, sequence: number, durationMs: forwarded.durationMs };
        if (response.json !== undefined) learnSecrets(redactor, {}, response.json, isSecretHeader);
        const judged = judge.judge(exchange, seen, json, title);
        const violations = judged.failures.filter((failure) => !failure.where.startsWith("request."));
        if (options.enforce.responses && violations.length > 0) {
          answeredBy = "proxy";
          send(outgoing, contractBreach(redactor, violations));
        } else {
          send(outgoing, forwarded.response);
        }
        return finish(judged, answeredBy);
      }
    }
    finish(judge.judge(exchange, seen, json, title), answeredBy);

    function finish(judged: ReturnType<typeof judge.judge>, by: ProxiedExchange["answeredBy"]) {
      const { rule, ...step } = judged;
      const result = exchangeCase(step, { sequence: number, source: `live traffic through the proxy (${by === "proxy" ? "answered by the proxy" : "answered by the upstream"})`, durationMs: elapsed(started) });
      const carriesSecrets = redactor.redact(text) !== text || (step.exchange.response !== undefined && redactor.redact(step.exchange.response.text) !== step.exchange.response.text);
      options.onExchange({ sequence: number, result: storedResult(result, redactor), rule, answeredBy: by, carriesSecrets });
    }
  };

  const inFlight = new Set<Promise<void>>();
  const server = createServer((incoming, outgoing) => {
    const handled = handle(incoming, outgoing).catch((error: unknown) => {
      // A bug of the proxy's own must not take the client's request down with it unanswered.
      if (!outgoing.headersSent) send(outgoing, proxyError(500, `archive-kit proxy: ${describeCause(error)}`));
    });
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: Error & { code?: string }) =>
      reject(error.code === "EADDRINUSE" ? new UserError(`port ${options.port} is in use on ${options.host} — pass another --port, or 0 for any free one`) : error),
    );
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    // Takes no new connection, lets the exchanges in flight finish (each within the forward timeout), then closes.
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await closed;
      forwarder.close();
    },
  };
}

/** Enforce mode's refusal of a request that breaks the contract: the API's own 404/405 or 400, in its envelope. */
function requestRefusal(options: ProxyOptions, raw: RawRequest, sent: SentRequest, seen: { headers: Record<string, string>; query: URLSearchParams }, judge: TrafficJudge): ReferenceResponse | undefined {
  if (!options.checks.has("request-schema")) return undefined;
  const issues = judge.requestIssues(sent, seen);
  if (issues.length === 0) return undefined;
  const path = raw.target.split("?")[0]!;
  const request = { method: raw.method, path, target: raw.target, query: seen.query, pathParams: {}, headers: seen.headers, rawBody: raw.body.toString("utf8"), contentType: seen.headers["content-type"], remoteAddress: "" };
  if (!options.contract.match(raw.method, path)) return options.refusals.unrouted(request, options.contract.methodsAt(path).map((method) => method.toUpperCase()));
  return options.refusals.failure(request, 400, issues.map((issue) => `${issue.where.replace(/^request\./, "")} ${issue.received}`).join("; "));
}

function received(response: RawResponse | ReferenceResponseBytes): ReceivedResponse {
  const outcome = responseOutcome(response.status, combineHeaders(response.rawHeaders.map((value) => Buffer.from(value, "latin1"))), response.body);
  return outcome.response!;
}

interface ReferenceResponseBytes {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  body: Buffer;
}

/** A reference answer as bytes to send: its headers, its body as JSON. */
function referenceAnswer(response: ReferenceResponse): ReferenceResponseBytes {
  const body = response.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(response.body));
  const headers = Object.entries(response.headers ?? {}).flat();
  if (response.body !== undefined && !headers.some((name, i) => i % 2 === 0 && name.toLowerCase() === "content-type")) headers.push("Content-Type", "application/json; charset=utf-8");
  return { status: response.status, statusMessage: "", rawHeaders: [...headers, "Content-Length", String(body.length)], body };
}

/** A 502 whose body names what the upstream's answer broke (redacted): enforce mode's answer to a non-conforming response. */
function contractBreach(redactor: Redactor, violations: Array<{ check: string; title: string; where: string; received: string; expected: string }>): ReferenceResponseBytes {
  const body = { error: "archive-kit proxy: the upstream's answer breaks the contract", violations: violations.map(({ check, title, where, received: got, expected }) => ({ check, title, where, received: got, expected })) };
  const text = Buffer.from(redactor.redact(JSON.stringify(body)));
  return { status: 502, statusMessage: "", rawHeaders: ["Content-Type", "application/json; charset=utf-8", "Content-Length", String(text.length)], body: text };
}

function proxyError(status: number, message: string): ReferenceResponseBytes {
  const body = Buffer.from(`${message}\n`);
  return { status, statusMessage: "", rawHeaders: ["Content-Type", "text/plain; charset=utf-8", "Content-Length", String(body.length)], body };
}

/** Writes an answer as its bytes: the status line's reason as the upstream gave it, no Date, the header lines in order and case. */
function send(outgoing: ServerResponse, response: RawResponse | ReferenceResponseBytes): ReferenceResponseBytes {
  outgoing.sendDate = false;
  outgoing.writeHead(response.status, response.statusMessage || undefined, endToEndLines(response.rawHeaders));
  outgoing.end(response.body);
  return response;
}

function readBody(incoming: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) over = true;
      else chunks.push(chunk);
    });
    incoming.on("end", () => resolve(over ? undefined : Buffer.concat(chunks)));
    incoming.on("error", () => resolve(undefined));
  });
}

function pairs(lines: readonly string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < lines.length; i += 2) result.push([lines[i]!, lines[i + 1]!]);
  return result;
}

function lowerCased(rawHeaders: readonly string[]): Record<string, string> {
  return combineHeaders(rawHeaders.map((value) => Buffer.from(value, "latin1")));
}

/** Every credential the request carries and every secret-looking value in a body: masked wherever it turns up later. */
function learnSecrets(redactor: Redactor, headers: Record<string, string>, json: unknown, isSecretHeader: (name: string) => boolean): void {
  redactor.addHeaders(Object.fromEntries(Object.entries(headers).filter(([name]) => isSecretHeader(name))));
  for (const [name, value] of Object.entries(headers)) if (isSecretHeader(name)) redactor.add(value);
  if (json && typeof json === "object") redactor.addFrom(json as Record<string, unknown>);
}

const elapsed = (started: number) => Math.round(performance.now() - started);
