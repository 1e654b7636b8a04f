/**
 * `verify` passes an implementation that answers the way Intercom really does: a proxy in front of
 * the reference server rewrites its answers into the shapes of fixtures/intercom/vendor-corpus/
 * (error lists without or with a null or non-UUID request_id, null or other wording, code-only
 * errors; responses without rate-limit headers or with only some; a 401 without WWW-Authenticate;
 * nested list items without `type`, `"pages": {}`). The run must pass; where the cases state
 * example values (wording, headers Intercom may omit), the differences come out as warnings.
 */
import { describe, expect, it } from "vitest";
import { referenceSetup } from "../helpers/reference-setup.js";
import { runConformance, startReferenceServer, type RunResult } from "../../src/index.js";
import { jsonOf, startMutatingProxy, withJson, type Mutation, type ProxyRequest, type ProxyResponse } from "../../src/testing/mutating-proxy.js";

const RATE_LIMIT_HEADERS = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"];

/** The error list as the published material shows it for this status (see the corpus file named). */
function vendorErrorList(status: number, body: { errors: Array<{ code: string }> }): unknown {
  const codes = body.errors.map(({ code }) => ({ code }));
  switch (status) {
    case 401: // node-sdk-401-token-unauthorized.json: a request_id that is no UUID; openapi: message nullable
      return { type: "error.list", request_id: "b2i3ri5909msvfqskol0", errors: codes.map((error) => ({ ...error, message: null })) };
    case 404: // openapi-2.16-404-without-request-id.json: no request_id, other wording
      return { type: "error.list", errors: codes.map((error) => ({ ...error, message: "Resource not found" })) };
    case 400: // openapi-2.16-400-null-request-id.json / python-sdk: request_id null; field null
      return { type: "error.list", request_id: null, errors: codes.map((error) => ({ ...error, field: null })) };
    default: // ruby-sdk-409-code-only.json: the code alone
      return { type: "error.list", errors: codes };
  }
}

/** Nested list items without `type`, as the 1.0 and 1.1 user model example shows them. */
function vendorUser(user: Record<string, any>): Record<string, unknown> {
  const untyped = (list: Record<string, any> | undefined, key: string) =>
    list && { ...list, [key]: (list[key] as Array<Record<string, unknown>>).map(({ type: _type, ...item }) => item) };
  return {
    ...user,
    companies: untyped(user.companies, "companies"),
    social_profiles: untyped(user.social_profiles, "social_profiles"),
    tags: untyped(user.tags, "tags"),
    segments: untyped(user.segments, "segments"),
  };
}

function vendorBody(response: ProxyResponse): ProxyResponse {
  const json = jsonOf(response);
  if (json?.type === "error.list") return withJson(response, vendorErrorList(response.status, json));
  if (json?.type === "user") return withJson(response, vendorUser(json));
  if (json?.type === "user.list") return withJson(response, { ...json, pages: {}, users: json.users.map(vendorUser) });
  return response;
}

/**
 * Headers as Intercom sends them: no rate-limit headers on a 401 (2.x rate-limiting page) nor on
 * archives (1.x page: some responses carry none); only X-RateLimit-Reset on reads (ruby-sdk
 * corpus files); all three on creates. No WWW-Authenticate; Intercom's own extra headers.
 */
function vendorHeaders(response: ProxyResponse, request: ProxyRequest): Record<string, string> {
  const drop = new Set(["www-authenticate"]);
  if (response.status === 401 || request.method === "DELETE") RATE_LIMIT_HEADERS.forEach((name) => drop.add(name));
  else if (request.method === "GET") ["x-ratelimit-limit", "x-ratelimit-remaining"].forEach((name) => drop.add(name));
  const kept = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !drop.has(name)));
  return { ...kept, "x-request-id": "b2i3ri5909msvfqskol0", "x-runtime": "0.037708", "x-intercom-version": "3736ab533ad11d88d93cdef3fcef9a98a5724229" };
}

const likeIntercom: Mutation = async (request, forward) => {
  const response = vendorBody(await forward(request));
  return { ...response, headers: vendorHeaders(response, request) };
};

async function runAgainstVendorLikeServer(): Promise<{ result: RunResult; seen: ProxyResponse[] }> {
  const reference = await startReferenceServer({ api: "intercom", rateLimit: { limit: 1_000_000, windowSeconds: 60 } });
  const seen: ProxyResponse[] = [];
  const proxy = await startMutatingProxy(reference.url, async (request, forward) => {
    const answer = await likeIntercom(request, forward);
    seen.push(answer);
    return answer;
  });
  try {
    const { credentials, variables } = await referenceSetup("intercom");
    return { result: await runConformance({ api: "intercom", baseUrl: proxy.url, credentials, variables }), seen };
  } finally {
    await proxy.close();
    await reference.close();
  }
}

const warningsOf = (result: RunResult, id: string) => result.cases.find((testCase) => testCase.id === id)!.steps.flatMap((step) => step.warnings);

describe("an implementation answering like the real Intercom", async () => {
  const { result, seen } = await runAgainstVendorLikeServer();

  it("really was answered in the vendor's shapes", () => {
    const errors = seen.map(jsonOf).filter((body) => body?.type === "error.list");
    expect(errors.some((body) => !("request_id" in body))).toBe(true);
    expect(errors.some((body) => body.request_id === null)).toBe(true);
    expect(errors.some((body) => body.errors[0].message === null)).toBe(true);
    expect(seen.some((response) => response.status === 200 && !("x-ratelimit-limit" in response.headers))).toBe(true);
    expect(seen.some((response) => response.status === 401 && !("www-authenticate" in response.headers))).toBe(true);
  });

  it("passes verify: every case runs and none fails", () => {
    const failed = result.cases.filter((testCase) => testCase.status !== "passed").map((testCase) => `${testCase.id}: ${testCase.status} ${testCase.reason ?? ""}`);
    expect(failed).toEqual([]);
    expect(result.cases.length).toBeGreaterThan(10);
    expect(result.summary).toMatchObject({ failed: 0, skipped: 0, passed: result.cases.length });
  });

  it("reports the documented example values it did not get as warnings", () => {
    expect(warningsOf(result, "intercom/archive-unknown-user")).toContainEqual(
      expect.objectContaining({ check: "documented-values", title: "Value differs from the documented example", where: "/errors/0/message", received: '"Resource not found"', expected: '"User Not Found"' }),
    );
    for (const id of ["intercom/archive-without-credentials", "intercom/archive-with-invalid-token", "intercom/view-without-credentials"]) {
      expect(warningsOf(result, id), id).toContainEqual(
        expect.objectContaining({ title: "Header differs from the documented example", where: "header WWW-Authenticate", received: "absent", expected: "present" }),
      );
    }
    expect(warningsOf(result, "intercom/archive-by-id").map((warning) => warning.where).sort()).toEqual([
      "header X-RateLimit-Limit",
      "header X-RateLimit-Remaining",
      "header X-RateLimit-Reset",
    ]);
    expect(result.summary.warnings).toBeGreaterThanOrEqual(6);
  });
});
