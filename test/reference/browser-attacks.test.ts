import { describe, expect, it } from "vitest";
import type { ReferenceServer } from "../../src/index.js";
import { checkedReferences, send, type Reply } from "../helpers/reference-http.js";

// What a web page the developer happens to visit can do to a running reference server, over HTTP:
// a forged Host (DNS rebinding), a "simple" cross-origin POST or a form, and preflights.

const PAGE = "http://localhost:5173";
const EVIL = "http://evil.example.test";
const INTERCOM_TOKEN = "test-only-intercom-token";
const JOE = { id: "5714dd359a3fd47136000001" };
const DFNS_USER = "us-2mhcm-9r90a-92ran47bjpl60hmv";

const start = checkedReferences();

const archivedJoe = (server: ReferenceServer) =>
  (server.state().users as Array<{ archived: boolean; user: { id: string } }>).find((entry) => entry.user.id === JOE.id)?.archived;

describe("DNS rebinding: only the server's own host names are answered", () => {
  it.each([
    ["intercom", { type: "error.list", errors: [{ code: "bad_request", message: expect.stringContaining("not Host rebind.evil.test") }] }],
    ["dfns", { error: { message: expect.stringContaining("not Host rebind.evil.test") } }],
  ] as const)("%s: a request addressed to another name is a 421 in the API's envelope, and reads or changes nothing", async (api, envelope) => {
    const server = await start({ api });
    const host = { Host: `rebind.evil.test:${server.port}` };
    const state = await send(server, "GET", "/__archive-kit/state", host);
    expect(state.status).toBe(421);
    expect(state.body).toMatchObject(envelope);
    expect(JSON.stringify(state.body)).not.toMatch(/@example\.com/);
    const target = api === "intercom" ? `/users/${JOE.id}` : `/auth/users/${DFNS_USER}`;
    const archive = await send(server, "DELETE", target, { ...host, Authorization: `Bearer ${server.credentials.token}`, Accept: "application/json" });
    expect(archive.status).toBe(421);
    expect((await send(server, "POST", "/__archive-kit/reset", { ...host, "Content-Type": "application/json" }, "{}")).status).toBe(421);
    expect(archive.body.error?.message ?? archive.body.errors[0].message).toMatch(/--allowed-host rebind\.evil\.test/);
  });

  it("answers IP addresses, localhost and its subdomains, and the names allowed", async () => {
    const server = await start({ api: "intercom", allowedHosts: ["Dev.Example.TEST"] });
    for (const host of ["127.0.0.1", "localhost", "LOCALHOST", "app.localhost", "[::1]", "10.1.2.3", "dev.example.test", "dev.example.test."]) {
      const reply = await send(server, "GET", "/__archive-kit/state", { Host: `${host}:${server.port}` });
      expect([host, reply.status]).toEqual([host, host === "dev.example.test." ? 421 : 200]);
    }
    expect((await send(server, "GET", "/__archive-kit/state", { Host: "dev.example.test" })).status).toBe(200);
    for (const host of ["localhost.evil.test", "127.0.0.1.nip.io", "evil.test@127.0.0.1", "a b"]) {
      expect([host, (await send(server, "GET", "/__archive-kit/state", { Host: host })).status]).toEqual([host, 421]);
    }
  });
});

describe("state-changing admin requests need what no page can send without a preflight", () => {
  it.each([
    ["no", {}],
    ["a form's", { "Content-Type": "application/x-www-form-urlencoded" }],
    ["a simple text/plain fetch's", { "Content-Type": "text/plain;charset=UTF-8" }],
    ["a multipart form's", { "Content-Type": "multipart/form-data; boundary=x" }],
  ])("reset with %s content type is a 415 naming the fix, and the state stays", async (_kind, headers) => {
    const server = await start({ api: "intercom" });
    expect((await send(server, "DELETE", `/users/${JOE.id}`, { Authorization: `Bearer ${INTERCOM_TOKEN}`, Accept: "application/json" })).status).toBe(200);
    const refused = await send(server, "POST", "/__archive-kit/reset", { Origin: PAGE, ...headers }, "{}");
    expect(refused.status).toBe(415);
    expect(refused.body).toMatchObject({ type: "error.list", errors: [{ message: expect.stringContaining("needs Content-Type: application/json") }] });
    expect(archivedJoe(server)).toBe(true);
    expect((await send(server, "POST", "/__archive-kit/reset", { "Content-Type": "application/json; charset=utf-8" })).status).toBe(204);
    expect(archivedJoe(server)).toBe(false);
  });

  it("a page of an origin CORS does not allow cannot reset, even with the JSON content type; an allowed one can", async () => {
    const server = await start({ api: "intercom", cors: { origins: [PAGE] } });
    expect((await send(server, "DELETE", `/users/${JOE.id}`, { Authorization: `Bearer ${INTERCOM_TOKEN}`, Accept: "application/json" })).status).toBe(200);
    const refused = await send(server, "POST", "/__archive-kit/reset", { Origin: EVIL, "Content-Type": "application/json" }, "{}");
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].message).toContain(`--cors-origin ${EVIL}`);
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
    expect(archivedJoe(server)).toBe(true);
    expect((await send(server, "POST", "/__archive-kit/reset", { Origin: PAGE, "Content-Type": "application/json" }, "{}")).status).toBe(204);
    expect(archivedJoe(server)).toBe(false);
  });

  it("without CORS no page may reset; a request with no Origin (curl, Playwright's request) may", async () => {
    const server = await start({ api: "dfns", cors: false });
    expect((await send(server, "POST", "/__archive-kit/reset", { Origin: PAGE, "Content-Type": "application/json" })).status).toBe(403);
    expect((await send(server, "POST", "/__archive-kit/reset", { "Content-Type": "application/json" })).status).toBe(204);
  });

  it("reading the state needs neither: a page of a disallowed origin just cannot read the answer", async () => {
    const server = await start({ api: "intercom", cors: { origins: [PAGE] } });
    const state = await send(server, "GET", "/__archive-kit/state", { Origin: EVIL });
    expect(state.status).toBe(200);
    expect(state.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("preflights", () => {
  const preflight = (server: ReferenceServer, headers: string, origin = PAGE) =>
    send(server, "OPTIONS", "/users", { Origin: origin, "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": headers });
  const allowed = (reply: Reply) => String(reply.headers["access-control-allow-headers"] ?? "").split(", ");

  it("allow whatever request headers the page asks for by default: tracing SDKs add traceparent and the like", async () => {
    const server = await start({ api: "intercom" });
    const reply = await preflight(server, "authorization, traceparent, tracestate, sentry-trace, baggage, x-datadog-trace-id");
    expect(reply.status).toBe(204);
    expect(allowed(reply)).toEqual(expect.arrayContaining(["authorization", "traceparent", "tracestate", "sentry-trace", "baggage", "x-datadog-trace-id"]));
  });

  it("names that are not header names are not echoed", async () => {
    const server = await start({ api: "intercom" });
    const reply = allowed(await preflight(server, "traceparent, bad header, x(y), a=b"));
    expect(reply).toContain("traceparent");
    for (const name of ["bad header", "x(y)", "a=b"]) expect(reply).not.toContain(name);
  });

  it("with restricted origins, only the headers the API reads and those given in headers", async () => {
    const restricted = await start({ api: "intercom", cors: { origins: [PAGE] } });
    expect(allowed(await preflight(restricted, "authorization, traceparent"))).not.toContain("traceparent");
    const listed = await start({ api: "intercom", cors: { headers: ["traceparent"] } });
    const reply = allowed(await preflight(listed, "authorization, traceparent, sentry-trace"));
    expect(reply).toEqual(expect.arrayContaining(["authorization", "traceparent"]));
    expect(reply).not.toContain("sentry-trace");
  });
});
