/**
 * Issue 17, the proxy's own behaviour: bytes in equal bytes out (no reformatted body, no header
 * added or reordered, CORS untouched, a malformed body forwarded, not answered); an unreachable
 * upstream is one line and a 502; enforce mode answers in the API's own envelope; the usage
 * errors are one line and exit 2.
 */
import { createServer, connect, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMutatingProxy } from "../../src/testing/mutating-proxy.js";
import { startReferenceServer } from "../../src/wiring.js";
import { runCli } from "../helpers/cli.js";
import { startCli } from "../helpers/long-running-cli.js";
import { REFUSING_URL } from "../helpers/refusing-url.js";
import { zooMutation } from "../helpers/proxy-session.js";

const TOKEN = "test-only-intercom-token";
const BANNER = /at (http:\/\/127\.0\.0\.1:\d+) →/;

/** What the upstream sends, byte for byte: odd header case and order, repeated headers, CORS of its own, JSON spaced as no serialiser would. */
const UPSTREAM_BODY = '{ "type" : "user",  "id":"5714dd359a3fd47136000001" ,"user_id":"25", "email":"a@example.com" }';
const UPSTREAM_HEAD = [
  "HTTP/1.1 200 Fine Thanks",
  "x-LOWER-upper: kept as sent",
  "Content-Type: application/json",
  "Access-Control-Allow-Origin: https://app.example",
  "Vary: Origin",
  "Set-Cookie: a=1",
  "Set-Cookie: b=2",
  `Content-Length: ${Buffer.byteLength(UPSTREAM_BODY)}`,
];

/** A raw TCP upstream: it answers every request with the bytes above and keeps the bytes it got. */
async function rawUpstream(): Promise<{ url: string; received: Buffer[]; server: Server }> {
  const received: Buffer[] = [];
  const server = createServer((socket) => {
    let data = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf("\r\n\r\n");
      if (end === -1) return;
      const length = Number(/content-length: (\d+)/i.exec(data.subarray(0, end).toString("latin1"))?.[1] ?? 0);
      if (data.length < end + 4 + length) return;
      received.push(data);
      socket.end(`${UPSTREAM_HEAD.join("\r\n")}\r\n\r\n${UPSTREAM_BODY}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

/** Sends raw bytes to a server and resolves to everything it sent back before closing. */
function rawExchange(url: string, request: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(request));
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      const length = Number(/content-length: (\d+)/i.exec(text.slice(0, Math.max(end, 0)))?.[1] ?? -1);
      if (end !== -1 && length >= 0 && Buffer.byteLength(text, "latin1") >= end + 4 + length) socket.end();
    });
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.on("error", reject);
  });
}

/** Header lines that describe one connection: each hop has its own. */
const perConnection = (line: string) => /^(connection|keep-alive|transfer-encoding|host):/i.test(line);

describe("bytes in, bytes out", () => {
  let upstream: Awaited<ReturnType<typeof rawUpstream>>;
  beforeAll(async () => (upstream = await rawUpstream()));
  afterAll(() => upstream.server.close());

  it("forwards a malformed body as sent, and gives the client the upstream's status line, header lines and body unchanged", async () => {
    const cli = await startCli(["proxy", "--api", "intercom", "--upstream", upstream.url, "--port", "0"], BANNER);
    const url = BANNER.exec(cli.banner)![1]!;
    const malformed = '{"user_id": 25,, "email": "a@example.com"';
    const requestLines = ["POST /users HTTP/1.1", `Host: ${new URL(url).host}`, "X-Mixed-CASE: one", "authorization: Bearer " + TOKEN, "Content-Type: application/json", `Content-Length: ${Buffer.byteLength(malformed)}`, "Connection: close"];
    const answer = await rawExchange(url, `${requestLines.join("\r\n")}\r\n\r\n${malformed}`);
    const code = await cli.stop();
    const output = await cli.waitForOutput(/exchanges?, \d+ failed/);

    // The upstream got the request's own header lines, in order and case, and its body's bytes.
    const got = upstream.received.at(-1)!.toString("latin1");
    const [gotHead, gotBody] = [got.slice(0, got.indexOf("\r\n\r\n")), got.slice(got.indexOf("\r\n\r\n") + 4)];
    expect(gotBody).toBe(malformed);
    expect(gotHead.split("\r\n").filter((line) => !perConnection(line))).toEqual(requestLines.filter((line) => !perConnection(line)));

    // The client got the upstream's answer: status line, header lines and body, byte for byte.
    const [head, body] = [answer.slice(0, answer.indexOf("\r\n\r\n")), answer.slice(answer.indexOf("\r\n\r\n") + 4)];
    expect(body).toBe(UPSTREAM_BODY);
    expect(head.split("\r\n").filter((line) => !perConnection(line))).toEqual(UPSTREAM_HEAD);

    // Judged all the same: the request is not JSON.
    expect(output).toMatch(/^#1 POST \/users → 200 \d+ ms ✗/m);
    expect(output).toMatch(/✗ Request does not conform to the contract at request\.body \[request-schema\]: Received: is not valid JSON/);
    expect(output).not.toContain(TOKEN);
    expect(code).toBe(1);
  });
});

describe("an upstream that cannot be reached", () => {
  it("answers 502 with one line saying so, and ends with exit 2: nothing was judged", async () => {
    const cli = await startCli(["proxy", "--api", "intercom", "--upstream", REFUSING_URL, "--port", "0"], BANNER);
    const response = await fetch(`${BANNER.exec(cli.banner)![1]}/users/1`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(502);
    expect(await response.text()).toMatch(/^archive-kit proxy: the upstream http:\/\/127\.0\.0\.1:\d+ gave no usable answer \(connection refused\) — start it, or fix --upstream\n$/);
    expect(await cli.stop()).toBe(2);
    expect(await cli.waitForOutput(/exchange/)).toMatch(/^#1 GET \/users\/1 → no answer \(connection refused\) \(answered by the proxy\) \d+ ms ✗ 1$/m);
  });
});

describe("enforce mode", () => {
  let reference: Awaited<ReturnType<typeof startReferenceServer>>;
  beforeAll(async () => (reference = await startReferenceServer({ api: "intercom" })));
  afterAll(() => reference.close());
  const journal = async () => ((await (await fetch(`${reference.url}/__archive-kit/requests`)).json()) as { requests: Array<{ target: string }> }).requests.map((entry) => entry.target);

  it("answers an invalid request with the API's own documented 400 and an undocumented path with its 404, forwarding neither", async () => {
    const cli = await startCli(["proxy", "--api", "intercom", "--upstream", reference.url, "--port", "0", "--mode", "enforce", "--enforce", "requests"], BANNER);
    const url = BANNER.exec(cli.banner)![1]!;
    const headers = { Authorization: `Bearer ${TOKEN}`, Accept: "application/json" };
    const empty = await fetch(`${url}/users?user_id=`, { headers });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ type: "error.list", errors: [{ code: "bad_request", message: expect.stringContaining("query/user_id") }] });
    const nowhere = await fetch(`${url}/contacts`, { headers });
    expect(nowhere.status).toBe(404);
    expect(await nowhere.json()).toMatchObject({ type: "error.list" });
    const fine = await fetch(`${url}/users?user_id=25`, { headers });
    expect(fine.status).toBe(200);
    expect(await journal()).not.toContain("/users?user_id=");
    expect(await journal()).toContain("/users?user_id=25");
    await cli.stop();
    const output = await cli.waitForOutput(/exchanges?, \d+ failed/);
    expect(output).toMatch(/^#1 GET \/users\?user_id= → 400 \(answered by the proxy\) \d+ ms ✗ 1$/m);
    expect(output).toMatch(/^3 exchanges, 2 failed/m);
  });

  it("turns a non-conforming answer into a 502 whose body names the violations", async () => {
    const deviating = await startMutatingProxy(reference.url, zooMutation("intercom-numeric-user-id"));
    try {
      const cli = await startCli(["proxy", "--api", "intercom", "--upstream", deviating.url, "--port", "0", "--mode", "enforce", "--enforce", "responses"], BANNER);
      const response = await fetch(`${BANNER.exec(cli.banner)![1]}/users?user_id=25`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(502);
      const body = (await response.json()) as { error: string; violations: Array<{ check: string; where: string }> };
      expect(body.error).toMatch(/breaks the contract/);
      expect(body.violations).toContainEqual(expect.objectContaining({ check: "response-schema", where: "response./user_id" }));
      expect(await cli.stop()).toBe(1);
    } finally {
      await deviating.close();
    }
  });
});

describe("never green when nothing was checked", () => {
  it("a run whose selected checks applied to no exchange ends with exit 2, each exchange shown as not checked", async () => {
    const reference = await startReferenceServer({ api: "intercom" });
    try {
      // unsupported-method judges only the requests a case asks it for: none of the traffic.
      const cli = await startCli(["proxy", "--api", "intercom", "--upstream", reference.url, "--port", "0", "--checks", "unsupported-method"], BANNER);
      expect((await fetch(`${BANNER.exec(cli.banner)![1]}/users?user_id=25`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      expect(await cli.stop()).toBe(2);
      const output = await cli.waitForOutput(/exchange/);
      expect(output).toMatch(/^#1 GET \/users\?user_id=25 → 200 \d+ ms ○ no check applied$/m);
      expect(output).toMatch(/^1 exchange, 0 failed, 0 warnings, 1 not checked \(ended by SIGINT\)$/m);
    } finally {
      await reference.close();
    }
  });
});

describe("usage", () => {
  it.each([
    { args: ["proxy", "--api", "intercom"], line: /^archive-kit: required option '--upstream <url>' not specified — see archive-kit proxy --help$/ },
    { args: ["proxy", "--api", "intercom", "--upstream", "https://api.intercom.io"], line: /^archive-kit: --upstream api\.intercom\.io is not on this machine and the proxy forwards real traffic to it — add --allow-remote if that is intended$/ },
    { args: ["proxy", "--api", "intercom", "--upstream", "http://127.0.0.1:1", "--enforce", "requests"], line: /^archive-kit: --enforce applies to --mode enforce — add --mode enforce, or drop --enforce$/ },
    { args: ["proxy", "--api", "intercom", "--upstream", "http://127.0.0.1:1", "--port", "0", "--duration", "1"], line: /^archive-kit: no request came through the proxy \(ended by --duration 1\): nothing was judged — send the traffic to the proxy's address, not to the upstream$/ },
    { args: ["proxy", "--api", "intercom", "--upstream", "http://127.0.0.1:1", "--checks", "no-such-check"], line: /^archive-kit: --checks: unknown check "no-such-check" — use one of .*request-schema/ },
    { args: ["verify", "--har", "/nonexistent/traffic.har", "--api", "intercom"], line: /^archive-kit: --har \/nonexistent\/traffic\.har cannot be read: .* — pass a HAR file/ },
  ])("$args.2 $args.3 $args.4 $args.5: one line, exit 2", async ({ args, line }) => {
    const result = await runCli(args);
    expect(result.stderr.trim()).toMatch(line);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.code).toBe(2);
  });
});
