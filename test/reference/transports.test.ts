import { afterAll, describe, expect, it } from "vitest";
import { createReferenceFetch, startReferenceServer, type ReferenceServer } from "../../src/index.js";

// One engine, any transport (issue 15, item 1): the same requests, sent to the node:http server
// and to the Fetch API reference (what MSW handlers call), get the same answers and leave the same
// state. Both start from the same fixtures at the same fixed clock.

const NOW = Date.parse("2026-12-01T12:00:00Z");
const VENDOR_URL = { intercom: "https://api.intercom.io", dfns: "https://api.dfns.io" } as const;
const JOE = "5714dd359a3fd47136000001";
const DFNS_USER = "us-2mhcm-9r90a-92ran47bjpl60hmv";
const JSON_TYPE = { "Content-Type": "application/json" };

interface Step {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Headers whose values the comparison covers: the ones a client reads. */
const COMPARED_HEADERS = ["content-type", "allow", "www-authenticate", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "access-control-allow-origin", "access-control-allow-methods", "access-control-expose-headers"];

/** An answer without what differs by design: the random request ids of error envelopes, and arrival times. */
async function comparable(response: Response) {
  const text = await response.text();
  const body = text ? JSON.parse(text, (key, value) => (key === "request_id" || key === "receivedAt" ? "…" : value)) : undefined;
  return { status: response.status, headers: Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)])), body };
}

const servers: ReferenceServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const server of servers) expect(server.violations).toEqual([]);
});

function scenario(token: string): Step[] {
  const auth = { Authorization: `Bearer ${token}`, Accept: "application/json" };
  return [
    { method: "GET", path: `/users/${JOE}`, headers: auth },
    { method: "DELETE", path: "/users?user_id=25", headers: auth },
    { method: "GET", path: `/users/${JOE}`, headers: auth },
    { method: "GET", path: `/users/${JOE}`, headers: { Accept: "application/json" } },
    { method: "PATCH", path: "/users", headers: auth },
    { method: "GET", path: "/nowhere", headers: auth },
    { method: "GET", path: "/users?email=nobody@example.com", headers: { ...auth, Prefer: "code=429" } },
    { method: "POST", path: "/__archive-kit/respond", headers: JSON_TYPE, body: JSON.stringify({ operationId: "viewUserById", status: 503 }) },
    { method: "GET", path: `/users/${JOE}`, headers: auth },
    { method: "POST", path: "/__archive-kit/seed", headers: JSON_TYPE, body: JSON.stringify({ users: [{ id: "5714dd359a3fd47136007777", user_id: "seeded", email: "Seeded@Example.com" }] }) },
    { method: "GET", path: "/users?user_id=seeded", headers: auth },
    { method: "POST", path: "/__archive-kit/seed", headers: JSON_TYPE, body: JSON.stringify({ users: [{ user_id: 7 }] }) },
    { method: "POST", path: "/users", headers: { ...auth, ...JSON_TYPE }, body: JSON.stringify({ user_id: "too-big", name: "x".repeat(1_100_000) }) },
    { method: "OPTIONS", path: "/users", headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": "authorization, traceparent" } },
    { method: "DELETE", path: `/users/${JOE}`, headers: { ...auth, Origin: "http://localhost:5173" } },
    { method: "POST", path: "/__archive-kit/reset", headers: { "Content-Type": "text/plain" } },
    { method: "GET", path: "/__archive-kit/requests" },
    { method: "POST", path: "/__archive-kit/reset", headers: JSON_TYPE },
    { method: "GET", path: `/users/${JOE}`, headers: auth },
    { method: "GET", path: "/__archive-kit/state" },
  ];
}

function dfnsScenario(token: string): Step[] {
  const auth = { Authorization: `Bearer ${token}` };
  return [
    { method: "GET", path: `/auth/users/${DFNS_USER}`, headers: auth },
    { method: "GET", path: "/auth/users?limit=2", headers: auth },
    { method: "DELETE", path: `/auth/users/${DFNS_USER}`, headers: { ...auth, ...JSON_TYPE }, body: "{}" },
    { method: "GET", path: `/auth/users/${DFNS_USER}`, headers: {} },
    { method: "PUT", path: `/auth/users/${DFNS_USER}`, headers: auth },
    { method: "POST", path: "/__archive-kit/respond", headers: JSON_TYPE, body: JSON.stringify({ operationId: "getUser", status: 404 }) },
    { method: "GET", path: `/auth/users/${DFNS_USER}`, headers: auth },
    { method: "GET", path: "/__archive-kit/requests" },
    { method: "GET", path: "/__archive-kit/state" },
  ];
}

describe("node:http and the Fetch API answer alike", () => {
  it.each([
    ["intercom", scenario],
    ["dfns", dfnsScenario],
  ] as const)("%s: every answer and the state at the end are the same over both transports", async (api, steps) => {
    const server = await startReferenceServer({ api, checkResponses: true, now: () => NOW });
    servers.push(server);
    const inPage = await createReferenceFetch({ api, checkResponses: true, now: () => NOW });
    const overHttp: unknown[] = [];
    const overFetch: unknown[] = [];
    for (const step of steps(server.credentials.token)) {
      const init = { method: step.method, headers: step.headers, body: step.body };
      overHttp.push({ step: `${step.method} ${step.path}`, ...(await comparable(await fetch(`${server.url}${step.path}`, init))) });
      overFetch.push({ step: `${step.method} ${step.path}`, ...(await comparable(await inPage.fetch(new Request(`${VENDOR_URL[api]}${step.path}`, init)))) });
    }
    expect(overFetch).toEqual(overHttp);
    // Not vacuous: the scenario saw successes, refusals, forced answers and a missing route.
    const statuses = new Set((overHttp as Array<{ status: number }>).map((answer) => answer.status));
    for (const status of [200, 404, 405]) expect(statuses).toContain(status);
    expect(inPage.state()).toEqual(server.state());
    expect(inPage.violations).toEqual([]);
  });

  it("the Fetch API reference refuses no Host: an MSW handler sees the vendor's own", async () => {
    const inPage = await createReferenceFetch({ api: "intercom" });
    const answer = await inPage.fetch(new Request(`https://api.intercom.io/users/${JOE}`, { headers: { Authorization: `Bearer ${inPage.credentials.token}`, Accept: "application/json", Host: "api.intercom.io" } }));
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { id: string }).id).toBe(JOE);
  });

  it("two Fetch API references never share state", async () => {
    const [first, second] = await Promise.all([createReferenceFetch({ api: "intercom" }), createReferenceFetch({ api: "intercom" })]);
    const archive = await first.fetch(new Request(`https://api.intercom.io/users/${JOE}`, { method: "DELETE", headers: { Authorization: `Bearer ${first.credentials.token}`, Accept: "application/json" } }));
    expect(archive.status).toBe(200);
    const view = await second.fetch(new Request(`https://api.intercom.io/users/${JOE}`, { headers: { Authorization: `Bearer ${second.credentials.token}`, Accept: "application/json" } }));
    expect(view.status).toBe(200);
    expect(second.requests().map((entry) => entry.method)).toEqual(["GET"]);
  });
});
