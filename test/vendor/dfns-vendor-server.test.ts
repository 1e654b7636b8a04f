/**
 * `verify` passes an implementation that answers like Dfns really does (its published material of
 * every era, fixtures/dfns/vendor-corpus/), while the seed-era wording it no longer uses comes out
 * as warnings. The "vendor" is the reference server behind a proxy that rewrites its answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceSetup } from "../helpers/reference-setup.js";
import { runConformance } from "../../src/wiring.js";
import type { RunResult } from "../../src/conformance/types.js";
import { startReferenceServer, type ReferenceServer } from "../../src/wiring.js";
import { jsonOf, pathOf, startMutatingProxy, withJson, type MutatingProxy, type Mutation } from "../../src/testing/mutating-proxy.js";

type Json = Record<string, unknown>;

/** Today's error envelope (docs.dfns.co/api-reference/error-codes): id, status, message, details; other wording. */
function currentEraError(status: number): Json {
  return { error: { id: "2038837570328299032", status, message: `request failed with status ${status}`, details: {} } };
}

/** The 2023 SDK's error object, as captured from the API (vendor-corpus/capture-2023-error-401-unauthorized-sdk-era.json). */
function sdkEraError(status: number): Json {
  return { error: { name: "UnauthorizedError", errorName: "Unauthorized", serviceName: "auth-management", message: "Unauthorized", causes: [], shouldTriggerInvestigation: true, httpStatus: status } };
}

/** A user as SDK 0.8 and the current docs show it: with name and isSSORequired. */
const currentEraUser = (user: Json): Json => ({ name: String(user.username), isSSORequired: false, ...user });

/** A seed-era challenge (dfns/dfns-api-docs initUserActionSigning.md example): no userVerification, attestation, rp or externalAuthenticationUrl. */
function seedEraChallenge(challenge: Json): Json {
  const { userVerification: _v, attestation: _a, rp: _rp, externalAuthenticationUrl: _url, ...rest } = challenge;
  const allowCredentials = rest.allowCredentials as Json;
  return { ...rest, allowCredentials: { ...allowCredentials, passwordProtectedKey: [] } };
}

const isUser = (body: unknown): body is Json => typeof body === "object" && body !== null && "userId" in body && "kind" in body;

/** Rewrites every answer of the reference into the shapes the real Dfns sends. */
const likeTheVendor: Mutation = async (request, forward) => {
  const response = await forward(request);
  const body = jsonOf(response);
  if (body === undefined) return response;
  if (response.status >= 400) {
    // Errors alternate between the two eras' envelopes, neither using the seed-era sentences.
    return withJson(response, response.status % 2 === 0 ? currentEraError(response.status) : sdkEraError(response.status));
  }
  if (pathOf(request) === "/auth/action/init") return withJson(response, seedEraChallenge(body));
  if (isUser(body)) return withJson(response, currentEraUser(body));
  if (Array.isArray(body.items)) return withJson(response, { ...body, items: (body.items as Json[]).map(currentEraUser) });
  return response;
};

describe("verify against an implementation that answers like the real Dfns", () => {
  let reference: ReferenceServer;
  let proxy: MutatingProxy;
  let result: RunResult;

  beforeAll(async () => {
    reference = await startReferenceServer({ api: "dfns" });
    proxy = await startMutatingProxy(reference.url, likeTheVendor);
    const { credentials, variables } = await referenceSetup("dfns");
    result = await runConformance({ api: "dfns", baseUrl: proxy.url, credentials, variables });
  });

  afterAll(async () => {
    await proxy?.close();
    await reference?.close();
  });

  it("passes every case", () => {
    const failed = result.cases.filter((testCase) => testCase.status !== "passed").map((testCase) => testCase.id);
    expect(failed).toEqual([]);
    expect(result.summary).toMatchObject({ failed: 0, skipped: 0, passed: result.cases.length });
    expect(result.cases.length).toBeGreaterThan(20);
  });

  it("reports the seed-era wording it no longer gets as warnings, on the cases that show that wording", () => {
    const warned = result.cases.filter((testCase) => testCase.steps.some((step) => step.warnings.length > 0)).map((testCase) => testCase.id);
    expect(warned).toEqual(expect.arrayContaining(["dfns/archive-without-credentials", "dfns/user-action-missing", "dfns/permission-update-missing", "dfns/nonce-invalid"]));
    expect(result.summary.warnings).toBeGreaterThanOrEqual(warned.length);
    const unauthorized = result.cases.find((testCase) => testCase.id === "dfns/archive-without-credentials")!;
    expect(unauthorized.steps[0]!.warnings).toContainEqual(expect.objectContaining({ where: "/error/message" }));
  });
});
