import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadContract, type Contract } from "../../src/contract/index.js";
import { packageRoot } from "../../src/package-root.js";
import { negativeRequests, positiveRequests, type GeneratedRequest, type GenerationStats, type ViolationKind } from "../../src/fuzz/generate/index.js";
import { validateCaseRequest } from "../../src/fuzz/generate/request-parts.js";
import { JSON_LOOKALIKES } from "../../src/fuzz/schema-arbitrary.js";

const contracts: Record<string, Promise<Contract>> = {
  intercom: loadContract(path.join(packageRoot, "openapi", "intercom.yaml")),
  dfns: loadContract(path.join(packageRoot, "openapi", "dfns.yaml")),
};
const RUNS = 200;
const newStats = (): GenerationStats => ({ positivesDrawn: 0, positivesRejected: 0, negativesDrawn: 0, negativesRejected: 0 });

async function operationsOf(api: string) {
  const contract = await contracts[api]!;
  return contract.operations.map((operation) => ({ contract, operation }));
}

describe.each(["intercom", "dfns"])("%s: generated requests", (api) => {
  it("positives all validate under the contract's request validator, and few draws are thrown away", async () => {
    for (const { contract, operation } of await operationsOf(api)) {
      const stats = newStats();
      const requests = fc.sample(positiveRequests(contract, operation, { stats }), { numRuns: RUNS, seed: 1 });
      for (const { request, violation, operationId } of requests) {
        expect(operationId).toBe(operation.operationId);
        expect(violation).toBeUndefined();
        expect(validateCaseRequest(contract, operation, request), `${operation.operationId} ${JSON.stringify(request)}`).toMatchObject({ valid: true });
      }
      expect(stats.positivesRejected / stats.positivesDrawn, operation.operationId).toBeLessThan(0.05);
    }
  });

  it("negatives all fail validation at the location they claim (credentials: the rest of the request is valid)", async () => {
    for (const { contract, operation } of await operationsOf(api)) {
      const stats = newStats();
      const requests = fc.sample(negativeRequests(contract, operation, { stats }), { numRuns: RUNS, seed: 2 });
      for (const { request, violation } of requests) {
        const validation = validateCaseRequest(contract, operation, request);
        const shown = `${operation.operationId} ${JSON.stringify(violation)} ${JSON.stringify(request).slice(0, 300)}`;
        if (violation!.kind.startsWith("credential")) {
          expect(request.auth, shown).toBe(violation!.kind === "credential-missing" ? "none" : "invalid");
          expect(validation, shown).toMatchObject({ valid: true });
        } else {
          expect(validation?.valid, shown).toBe(false);
          const pointers = validation && !validation.valid ? validation.issues.map((issue) => issue.pointer) : [];
          expect(pointers, shown).toContain(violation!.location);
        }
      }
      expect(stats.negativesRejected / stats.negativesDrawn, operation.operationId).toBeLessThan(0.5);
    }
  });
});

const drawnNegatives = new Map<string, Promise<GeneratedRequest[]>>();

/** Every negative of every operation of a contract, 200 per operation, drawn once per file. */
function allNegatives(api: string): Promise<GeneratedRequest[]> {
  let negatives = drawnNegatives.get(api);
  if (!negatives) {
    negatives = operationsOf(api).then((operations) =>
      operations.flatMap(({ contract, operation }) => fc.sample(negativeRequests(contract, operation), { numRuns: RUNS, seed: 3 })),
    );
    drawnNegatives.set(api, negatives);
  }
  return negatives;
}

describe("violation kinds", () => {
  const expected: Record<string, ViolationKind[]> = {
    // Intercom has no enum in its requests; its format is the int32 of timestamps.
    intercom: ["type", "required", "format", "pattern", "length", "range", "additionalProperties", "credential-missing", "credential-invalid"],
    dfns: ["type", "required", "enum", "format", "pattern", "length", "range", "additionalProperties", "credential-missing", "credential-invalid"],
  };

  it.each(Object.keys(expected))("%s: each kind its contract has a constraint for appears", async (api) => {
    const kinds = new Set((await allNegatives(api)).map(({ violation }) => violation!.kind));
    expect([...kinds].sort()).toEqual([...expected[api]!].sort());
  });

  it("a query or header type negative only exists for parameters whose schema admits no string", async () => {
    for (const api of ["intercom", "dfns"]) {
      const contract = await contracts[api]!;
      for (const { operationId, violation } of await allNegatives(api)) {
        if (violation!.kind !== "type" || violation!.location.startsWith("body")) continue;
        const [location, name] = violation!.location.split("/");
        const parameter = contract.byId(operationId)!.parameters.find((candidate) => candidate.in === location && candidate.name === name);
        expect(parameter?.schema, violation!.location).toMatchObject({ type: "integer" });
      }
    }
  });

  it("the oracle fails what breaks the contract and passes what does not (a query string \"null\" is a string)", async () => {
    const contract = await contracts.intercom!;
    const operation = contract.byId("archiveUserByQuery")!;
    const byQuery = (user_id: string) => ({ method: "DELETE", path: "/users", query: { user_id } });
    expect(validateCaseRequest(contract, operation, byQuery("x".repeat(256)))).toMatchObject({ valid: false, issues: [{ pointer: "query/user_id" }] });
    expect(validateCaseRequest(contract, operation, byQuery("null"))).toMatchObject({ valid: true });
    expect(validateCaseRequest(contract, operation, { method: "DELETE", path: "/users/5" })).toBeUndefined();
  });

  it("too-long strings run from maxLength + 1 to ten times it", async () => {
    const contract = await contracts.intercom!;
    const lengths = fc
      .sample(negativeRequests(contract, contract.byId("archiveUserByQuery")!), { numRuns: 400, seed: 5 })
      .filter(({ violation }) => violation!.detail === "user_id longer than maxLength 255")
      .map(({ request }) => [...request.query!.user_id!].length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(256);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(2550);
    expect(lengths.some((length) => length > 1000)).toBe(true);
  });
});

describe("boundaries", () => {
  it("user_id reaches exactly minLength and maxLength; unbounded strings reach 300+ characters", async () => {
    const contract = await contracts.intercom!;
    const userIds = fc
      .sample(positiveRequests(contract, contract.byId("archiveUserByQuery")!), { numRuns: 500, seed: 6 })
      .map(({ request }) => request.query?.user_id)
      .filter((userId): userId is string => userId !== undefined)
      .map((userId) => [...userId].length);
    expect(userIds).toContain(1);
    expect(userIds).toContain(255);
    const names = fc
      .sample(positiveRequests(contract, contract.byId("createOrUpdateUser")!), { numRuns: 500, seed: 6 })
      .map(({ request }) => (request.body as { name?: unknown }).name)
      .filter((name): name is string => typeof name === "string");
    expect(names.some((name) => [...name].length >= 300)).toBe(true);
  });

  it("integers reach their minimum and maximum", async () => {
    const contract = await contracts.dfns!;
    const limits = fc
      .sample(positiveRequests(contract, contract.byId("listUsers")!), { numRuns: 500, seed: 7 })
      .map(({ request }) => request.query?.limit);
    expect(limits).toContain("1");
    expect(limits).toContain("200");
  });
});

describe("options", () => {
  it("pathValues pin a path parameter, skipParameters leave one to the plugin, withoutCredentials joins credential negatives", async () => {
    const contract = await contracts.dfns!;
    const operation = contract.byId("archiveUser")!;
    const options = { pathValues: { userId: "us-aaaa-bbbb-cccc" }, skipParameters: ["header/X-DFNS-NONCE"], withoutCredentials: { userAction: "none" } };
    const requests = [
      ...fc.sample(positiveRequests(contract, operation, options), { numRuns: 100, seed: 8 }),
      ...fc.sample(negativeRequests(contract, operation, options), { numRuns: 100, seed: 8 }),
    ];
    for (const { request, violation } of requests) {
      expect(request.path).toBe("/auth/users/us-aaaa-bbbb-cccc");
      expect(Object.keys(request.headers ?? {})).not.toContain("X-DFNS-NONCE");
      if (violation?.kind.startsWith("credential")) expect(request).toMatchObject({ userAction: "none" });
    }
    expect(requests.some(({ violation }) => violation?.kind === "credential-missing")).toBe(true);
  });
});

describe("reproducible and shrinkable", () => {
  it("the same seed gives the same requests; another seed others", async () => {
    for (const api of ["intercom", "dfns"]) {
      for (const { contract, operation } of await operationsOf(api)) {
        const draw = (seed: number) => [
          ...fc.sample(positiveRequests(contract, operation), { numRuns: 15, seed }),
          ...fc.sample(negativeRequests(contract, operation), { numRuns: 15, seed }),
        ];
        expect(draw(42)).toEqual(draw(42));
        expect(draw(42)).not.toEqual(draw(43));
      }
    }
  });

  it("fast-check shrinks a failure on long user_ids to the shortest failing one", async () => {
    const contract = await contracts.intercom!;
    const operation = contract.byId("archiveUserByQuery")!;
    const tooLong = (request: GeneratedRequest["request"]) => [...(request.query?.user_id ?? "")].length > 100;
    const positive = fc.check(fc.property(positiveRequests(contract, operation), ({ request }) => !tooLong(request)), { seed: 9, numRuns: 500 });
    expect(positive.failed).toBe(true);
    expect([...positive.counterexample![0].request.query!.user_id!].length).toBe(101);
    // A too-long negative: the length is drawn first, so shrinking walks it down to the first that fails.
    const veryLong = fc.check(
      fc.property(negativeRequests(contract, operation), ({ request, violation }) => violation!.kind !== "length" || [...(request.query?.user_id ?? "")].length <= 300),
      { seed: 9, numRuns: 500 },
    );
    expect(veryLong.failed).toBe(true);
    expect([...veryLong.counterexample![0].request.query!.user_id!].length).toBe(301);
  });
});

describe("minimal failures", () => {
  it("a failure on user_id (query) longer than 255 shrinks to user_id alone: 256 times one simple character, no other parameter or header", async () => {
    const contract = await contracts.intercom!;
    const operation = contract.byId("archiveUserByQuery")!;
    const atMost255 = ({ request }: GeneratedRequest) => [...(request.query?.user_id ?? "")].length <= 255;
    for (const seed of [11, 12, 13]) {
      const details = fc.check(fc.property(negativeRequests(contract, operation), atMost255), { seed, numRuns: 500 });
      expect(details.failed, `seed ${seed}`).toBe(true);
      const { request, violation } = details.counterexample![0];
      expect(violation, `seed ${seed}`).toMatchObject({ kind: "length", location: "query/user_id" });
      expect(request, `seed ${seed}`).toEqual({ method: "DELETE", path: "/users", query: { user_id: "a".repeat(256) } });
    }
  });

  it("a failure of valid requests on user_ids over 100 characters shrinks to user_id alone, 101 times one simple character", async () => {
    const contract = await contracts.intercom!;
    const operation = contract.byId("archiveUserByQuery")!;
    const atMost100 = ({ request }: GeneratedRequest) => [...(request.query?.user_id ?? "")].length <= 100;
    const details = fc.check(fc.property(positiveRequests(contract, operation), atMost100), { seed: 11, numRuns: 500 });
    expect(details.counterexample?.[0].request).toEqual({ method: "DELETE", path: "/users", query: { user_id: "a".repeat(101) } });
  });
});

describe("path parameters", () => {
  it("a request whose path parameter is empty or a dot-segment addresses no operation: it is never proven valid or invalid", async () => {
    const contract = await contracts.dfns!;
    const getUser = contract.operations.find((operation) => operation.operationId === "getUser")!;
    // Servers may route `/auth/users/` to the collection, and URL normalisation folds `.`, `..` and `%2E` away.
    for (const path of ["/auth/users/", "/auth/users/.", "/auth/users/..", "/auth/users/%2E"]) {
      expect(validateCaseRequest(contract, getUser, { method: "GET", path }), path).toBeUndefined();
    }
    expect(validateCaseRequest(contract, getUser, { method: "GET", path: "/auth/users/x" })).toMatchObject({ valid: false });
  });
});

describe("JSON look-alikes", () => {
  it("a plain string is drawn, about one time in five, as the text of another JSON type: every look-alike appears", async () => {
    const contract = await contracts.intercom!;
    const userIds = fc
      .sample(positiveRequests(contract, contract.byId("viewUsers")!), { numRuns: 2000, seed: 14 })
      .map(({ request }) => request.query?.user_id)
      .filter((userId): userId is string => userId !== undefined);
    const lookalikes = userIds.filter((userId) => (JSON_LOOKALIKES as readonly string[]).includes(userId));
    expect(new Set(lookalikes)).toEqual(new Set(JSON_LOOKALIKES));
    expect(lookalikes.length / userIds.length).toBeGreaterThan(0.1);
    expect(lookalikes.length / userIds.length).toBeLessThan(0.35);
  });

  it("never where a pattern or format decides the text, nor beyond a string's bounds", async () => {
    const contract = await contracts.dfns!;
    const userIds = fc.sample(positiveRequests(contract, contract.byId("getUser")!), { numRuns: 500, seed: 15 }).map(({ request }) => decodeURIComponent(request.path.split("/").at(-1)!));
    expect(userIds.filter((userId) => (JSON_LOOKALIKES as readonly string[]).includes(userId))).toEqual([]);
    const intercom = await contracts.intercom!;
    const versions = fc
      .sample(positiveRequests(intercom, intercom.byId("viewUsers")!), { numRuns: 500, seed: 15 })
      .map(({ request }) => request.headers?.["Intercom-Version"])
      .filter((version): version is string => version !== undefined);
    expect(versions.filter((version) => (JSON_LOOKALIKES as readonly string[]).includes(version))).toEqual([]);
  });
});
