import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runConformance } from "../../src/wiring.js";
import type { CaseResult, RunEvent, RunResult } from "../../src/conformance/types.js";
import { runCli } from "../helpers/cli.js";

/*
 * Implementations that misbehave at the HTTP level: every affected case must fail with a reason a
 * person can act on, the run must finish (no crash, no hang) and every requested report is written.
 */

const IDS = ["intercom/archive-without-credentials", "intercom/archive-by-user-id"];
const TOKEN = "s3cr3t-token-value";
const WELCOME_PAGE = "<!doctype html><title>Welcome to nginx!</title><h1>Welcome to nginx!</h1>";

type Misbehaviour = (request: IncomingMessage, response: ServerResponse) => void;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/**
 * A loopback server that answers every request with `misbehave`, but the preflight's read (an
 * honest 404, so that the cases meet the misbehaviour) unless `honestPreflight` is false; with
 * `honestCreate` it creates users properly (POST /users, and reads them back by their new id), so
 * that the case's own DELETE is what meets the misbehaviour.
 */
async function startMisbehaving(misbehave: Misbehaviour, { honestCreate = false, honestPreflight = true } = {}): Promise<string> {
  const created = new Map<string, Record<string, unknown>>();
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (honestPreflight && request.method === "GET" && request.url === "/users/archive-kit-preflight") {
        return json(response, 404, { type: "error.list", errors: [{ code: "not_found", message: "User Not Found" }] });
      }
      if (honestCreate && request.method === "POST" && request.url === "/users") {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
        const user = { type: "user", id: `5714dd359a3fd4713600${String(created.size).padStart(4, "0")}`, anonymous: false, user_id: null, email: null, phone: null, name: null, pseudonym: null, ...body };
        created.set(user.id, user);
        return json(response, 200, user);
      }
      const readBack = request.method === "GET" && created.get(decodeURIComponent(request.url?.replace(/^\/users\//, "") ?? ""));
      if (readBack) return json(response, 200, readBack);
      misbehave(request, response);
    });
  });
  // A client that gives up mid-answer must not take the test process down with it.
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback port nothing listens on. */
async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** Bytes written straight to the socket, bypassing Node's HTTP framing, so they can lie. */
function raw(response: ServerResponse, text: string | Buffer, then: "end" | "reset" | "keep-open") {
  const socket = response.socket!;
  socket.write(text);
  if (then === "end") socket.end();
  if (then === "reset") socket.resetAndDestroy();
}

const MISBEHAVIOURS: Record<string, Misbehaviour> = {
  "resets the connection mid-body": (_request, response) =>
    raw(response, 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"type":"user","id":', "reset"),
  "never answers": () => {},
  "sends a 200 body that dribbles in forever": (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    const timer = setInterval(() => response.write(" "), 100);
    response.on("close", () => clearInterval(timer));
  },
  "answers text/html": (_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(WELCOME_PAGE);
  },
  "answers HTML labelled application/json": (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(WELCOME_PAGE);
  },
  "streams a 50 MB body": (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, " ");
    let left = (50 * 1024 * 1024) / chunk.length;
    const pump = () => {
      while (left > 0 && !response.destroyed) {
        left--;
        if (!response.write(chunk)) return response.once("drain", pump);
      }
      if (left === 0) response.end();
    };
    pump();
  },
  redirects: (_request, response) => {
    response.writeHead(302, { location: "http://127.0.0.1:9/elsewhere", "content-type": "text/plain" });
    response.end("Found");
  },
  "declares more bytes than it sends, then ends the socket": (_request, response) =>
    raw(response, 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{"type":"user"}', "end"),
  "declares fewer bytes than it sends": (_request, response) =>
    raw(response, 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{"type":"user","id":"5714dd359a3fd47136000001"}', "keep-open"),
  // The surplus arrives after the declared body is complete: it must not spill into the next exchange.
  "declares fewer bytes than it sends, the rest a moment later": (_request, response) => {
    const socket = response.socket!;
    raw(response, 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{"type":"', "keep-open");
    setTimeout(() => socket.destroyed || socket.write('user","id":"5714dd359a3fd47136000001"}'), 500);
  },
  "sends headers larger than Node accepts": (_request, response) => {
    const padding = Array.from({ length: 400 }, (_, i) => `X-Padding-${i}: ${"a".repeat(64)}\r\n`).join("");
    raw(response, `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${padding}Content-Length: 2\r\n\r\n{}`, "keep-open");
  },
  "answers garbage instead of a status line": (_request, response) => raw(response, "SSH-2.0-OpenSSH_9.6\r\n", "keep-open"),
  "sends informational responses forever": (_request, response) => {
    const socket = response.socket!;
    let left = 1000;
    const timer = setInterval(() => (--left < 0 || socket.destroyed ? clearInterval(timer) : socket.write("HTTP/1.1 102 Processing\r\n\r\n")), 10);
  },
  "switches protocols though no upgrade was asked for": (_request, response) =>
    raw(response, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", "keep-open"),
  "sends invalid UTF-8 in a JSON body": (_request, response) => {
    const body = Buffer.concat([Buffer.from('{"type":"user","name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    response.end(body);
  },
};

/** What the DELETE of each case must fail with: the first failure's title, and what was received. */
const EXPECTED: Record<string, { title: string; received: RegExp }> = {
  "resets the connection mid-body": { title: "No usable response", received: /^connection reset before a complete response \(ECONNRESET\)$/ },
  "never answers": { title: "No usable response", received: /^no complete response within 3 s$/ },
  "sends a 200 body that dribbles in forever": { title: "No usable response", received: /^no complete response within 3 s$/ },
  "answers text/html": { title: "Undocumented Content-Type", received: /^text\/html; charset=utf-8$/ },
  "answers HTML labelled application/json": { title: "Response is not JSON", received: /^"<!doctype html>.*"$/ },
  "streams a 50 MB body": { title: "No usable response", received: /^the response body exceeds 10485760 bytes$/ },
  redirects: { title: "No usable response", received: /^redirected to http:\/\/127\.0\.0\.1:9\/elsewhere \(redirects are not followed\)$/ },
  "declares more bytes than it sends, then ends the socket": { title: "No usable response", received: /^connection reset before a complete response/ },
  // The surplus in the same packet is bytes no request asked for: the exchange is malformed.
  "declares fewer bytes than it sends": { title: "No usable response", received: /^malformed HTTP response: bytes past the end of the response / },
  "declares fewer bytes than it sends, the rest a moment later": { title: "Response is not JSON", received: /^"\{\\"type\\":\\""$/ },
  "sends invalid UTF-8 in a JSON body": { title: "No usable response", received: /^the response body is not valid UTF-8$/ },
  "sends headers larger than Node accepts": { title: "No usable response", received: /^malformed HTTP response \(HPE_HEADER_OVERFLOW: the headers exceed 16384 bytes\)$/ },
  "answers garbage instead of a status line": { title: "No usable response", received: /^malformed HTTP response \(Expected HTTP\/, RTSP\/ or ICE\/\)$/ },
  "sends informational responses forever": { title: "No usable response", received: /^malformed HTTP response: more than 10 informational responses \(last 102\) and no final one$/ },
  "switches protocols though no upgrade was asked for": { title: "No usable response", received: /^malformed HTTP response: 101 Switching Protocols to a request that asked for no upgrade$/ },
};

/** Servers that answer, badly: they were reached, and must never be diagnosed as not running. */
const MALFORMED = ["sends headers larger than Node accepts", "answers garbage instead of a status line", "sends informational responses forever", "switches protocols though no upgrade was asked for"];

/**
 * The per-exchange timeout for a misbehaviour: what ends a server that hangs, and otherwise only a
 * hang guard. Either way the honest exchanges (the preflight, a create and its read back) get seconds,
 * which a machine at four times its load still gives them.
 */
function timeoutFor(behaviour: string): number {
  return ["never answers", "sends a 200 body that dribbles in forever"].includes(behaviour) ? 3_000 : 60_000;
}

async function run(baseUrl: string, options: { maxResponseBytes?: number; timeoutMs?: number } = {}) {
  const events: RunEvent[] = [];
  const result = await runConformance({
    api: "intercom",
    baseUrl,
    credentials: { token: TOKEN },
    ids: IDS,
    timeoutMs: 3_000,
    ...options,
    onEvent: (event) => events.push(event),
  });
  // The run finished: every case was reported, then the run itself.
  expect(events.map((event) => event.type)).toEqual(["run-started", "case-finished", "case-finished", "run-finished"]);
  expect(result.cases.map((item) => item.id).sort()).toEqual([...IDS].sort());
  expect(result.summary).toMatchObject({ passed: 0, failed: 2, skipped: 0 });
  return result;
}

function caseOf(result: RunResult, id: string): CaseResult {
  return result.cases.find((item) => item.id === id)!;
}

/** The failures of the case's first step, the one that met the misbehaviour. */
function failuresOf(result: CaseResult) {
  return result.steps[0]?.failures ?? [];
}

function expectFailure(result: CaseResult, expected: { title: string; received: RegExp }) {
  const failures = failuresOf(result);
  expect(failures, result.id).toContainEqual(expect.objectContaining({ title: expected.title, received: expect.stringMatching(expected.received) }));
  // Without a response there is nothing else to check: the transport failure stands alone.
  if (!result.steps[0]?.exchange.response) expect(failures, result.id).toHaveLength(1);
}

describe("runConformance against misbehaving implementations", () => {
  it("stops in its preflight, with no case run, when the connection is refused", async () => {
    const result = await runConformance({ api: "intercom", baseUrl: await refusingUrl(), credentials: { token: TOKEN }, ids: IDS, timeoutMs: 500 });
    expect(result.error).toMatch(/^cannot connect to http:\/\/127\.0\.0\.1:\d+ — start the implementation or fix --base-url$/);
    expect(result).toMatchObject({ cases: [], reached: false, connected: false, verdict: "fail" });
  });

  describe.each(Object.keys(MISBEHAVIOURS))("an implementation that %s", (behaviour) => {
    const expected = EXPECTED[behaviour]!;

    it("fails the archive requests with a clear reason, and the run finishes", async () => {
      const result = await run(await startMisbehaving(MISBEHAVIOURS[behaviour]!, { honestCreate: true }), { timeoutMs: timeoutFor(behaviour) });
      for (const id of IDS) {
        const failed = caseOf(result, id);
        expect(failed.status, id).toBe("failed");
        expect(failed.reason, id).toBeUndefined();
        expectFailure(failed, expected);
      }
    });

    it("fails a case whose setup meets it too, with the setup named", async () => {
      const result = await run(await startMisbehaving(MISBEHAVIOURS[behaviour]!), { timeoutMs: timeoutFor(behaviour) });
      expectFailure(caseOf(result, "intercom/archive-without-credentials"), expected);
      expect(caseOf(result, "intercom/archive-by-user-id")).toMatchObject({ status: "failed", steps: [], reason: expect.stringMatching(/^setup: .+ \(POST \/users\): \S/) });
    });
  });

  // Without an honest create, every byte the implementation ever sends is malformed.
  it.each(MALFORMED)("an implementation that %s was reached, and its exchanges are malformed", async (behaviour) => {
    const result = await run(await startMisbehaving(MISBEHAVIOURS[behaviour]!), { timeoutMs: timeoutFor(behaviour) });
    expect(result.reached).toBe(true);
    expect(caseOf(result, "intercom/archive-without-credentials").steps[0]?.exchange.error?.kind).toBe("malformed");
    expect(caseOf(result, "intercom/archive-by-user-id").reason).toMatch(/^setup: No usable response at transport \(POST \/users\): Received: malformed HTTP response/);
  });

  it("a server that accepts connections and never sends a byte was not reached, and the preflight says so", async () => {
    const result = await runConformance({ api: "intercom", baseUrl: await startMisbehaving(MISBEHAVIOURS["never answers"]!, { honestPreflight: false }), credentials: { token: TOKEN }, ids: IDS, timeoutMs: 3_000 });
    expect(result).toMatchObject({ cases: [], reached: false, connected: true });
    expect(result.error).toMatch(/accepted connections but never answered within --timeout 3 s/);
  });

  it.each(MALFORMED)("an implementation that %s to every request, the preflight's too, stops the run before any case", async (behaviour) => {
    const result = await runConformance({ api: "intercom", baseUrl: await startMisbehaving(MISBEHAVIOURS[behaviour]!, { honestPreflight: false }), credentials: { token: TOKEN }, ids: IDS, timeoutMs: 60_000 });
    expect(result.cases).toEqual([]);
    expect(result.error).toMatch(/does not answer as an HTTP server should \(malformed HTTP response.*\) — check that --base-url is the implementation's HTTP address$/);
  });

  it("refuses a timeout a Node timer cannot hold, instead of failing every request at once", async () => {
    await expect(runConformance({ api: "intercom", baseUrl: await refusingUrl(), credentials: { token: TOKEN }, ids: IDS, timeoutMs: 3_000_000_000 })).rejects.toThrow(
      "timeoutMs 3000000000 is out of range — pass a number of milliseconds from 1 to 3600000",
    );
  });

  it("honours a smaller maxResponseBytes", async () => {
    const result = await run(await startMisbehaving(MISBEHAVIOURS["streams a 50 MB body"]!, { honestCreate: true }), { maxResponseBytes: 1024 });
    expect(failuresOf(caseOf(result, "intercom/archive-by-user-id"))).toMatchObject([{ received: "the response body exceeds 1024 bytes" }]);
  });
});

describe("archive-kit verify against misbehaving implementations", () => {
  async function verify(baseUrl: string, extra: string[] = []) {
    const output = await mkdtemp(path.join(tmpdir(), "archive-kit-robustness-"));
    cleanups.push(() => rm(output, { recursive: true, force: true }));
    const result = await runCli(["verify", "--api", "intercom", "--base-url", baseUrl, "--intercom-token", TOKEN, "--reporter", "console", "json", "junit", "--output", output, ...extra]);
    const json = await readFile(path.join(output, "archive-kit-report.json"), "utf8");
    const junit = await readFile(path.join(output, "archive-kit-junit.xml"), "utf8");
    const report = JSON.parse(json) as { summary: { passed: number; failed: number; skipped: number }; runs: RunResult[] };
    expect(junit).toContain("<testsuite");
    // The token never leaves the process: not on the terminal, not in a report, not even Base64-encoded.
    for (const text of [result.stdout, result.stderr, json, junit]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(Buffer.from(`${TOKEN}:`).toString("base64"));
    }
    return { ...result, report, junit };
  }

  it("exits 1 with every report written when the implementation answers HTML", async () => {
    const { code, stdout, stderr, report, junit } = await verify(await startMisbehaving(MISBEHAVIOURS["answers text/html"]!));
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(report.summary.passed).toBe(0);
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(stdout).toContain("Undocumented Content-Type at header Content-Type (DELETE /users?user_id=25): Received: text/html; charset=utf-8");
    expect(junit).toContain("<failure");
  });

  it("exits 1 with every report written when the implementation resets connections mid-body", async () => {
    const { code, stdout, stderr, report } = await verify(await startMisbehaving(MISBEHAVIOURS["resets the connection mid-body"]!));
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(stdout).toContain("No usable response at transport (DELETE /users?user_id=25): Received: connection reset before a complete response");
  });

  it("exits 1 with every report written when the implementation sends 50 MB", async () => {
    const { code, stdout, report } = await verify(await startMisbehaving(MISBEHAVIOURS["streams a 50 MB body"]!), ["--case", ...IDS]);
    expect(code).toBe(1);
    expect(report.summary).toMatchObject({ passed: 0, failed: 2, skipped: 0 });
    expect(stdout).toContain("the response body exceeds 10485760 bytes");
  });

  it.each(MALFORMED)("exits 1, not \"cannot connect\", when the implementation %s", async (behaviour) => {
    const { code, stdout, stderr, report } = await verify(await startMisbehaving(MISBEHAVIOURS[behaviour]!), ["--case", ...IDS]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(report.summary).toMatchObject({ passed: 0, failed: 2 });
    expect(stdout).toMatch(/No usable response at transport \(DELETE \/users\?user_id=25\): Received: malformed HTTP response/);
  });

  it("exits 2 saying the server never answered, not that it cannot be reached, when it accepts connections and stays silent", async () => {
    const sockets: Socket[] = [];
    const silent = createNetServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => {
      silent.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }));
    const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const { code, stdout, stderr, report, junit } = await verify(baseUrl, ["--case", "intercom/archive-without-credentials", "--timeout", "1"]);
    expect(stderr).toBe(`archive-kit: ${baseUrl} accepted connections but never answered within --timeout 1 s — check the implementation is serving HTTP there, or raise --timeout\n`);
    expect(code).toBe(2);
    // The preflight met the silence: no case ran, and the reports say error.
    expect(stdout).toBe("");
    expect(report.summary.failed).toBe(0);
    expect(report.runs[0]!.error).toMatch(/never answered/);
    expect(junit).toMatch(/<error /);
  });

  it("exits 2 with one clear line when nothing listens, and still writes every report", async () => {
    const baseUrl = await refusingUrl();
    const { code, stderr, report } = await verify(baseUrl);
    expect(stderr).toBe(`archive-kit: cannot connect to ${baseUrl} — start the implementation or fix --base-url\n`);
    expect(code).toBe(2);
    expect(report.summary.passed).toBe(0);
  });
});
