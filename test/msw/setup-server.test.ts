import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDfnsClient, createIntercomClient, createKeySigner } from "../../src/index.js";
import { createMockApi } from "../../src/msw.js";

// archive-kit/msw in Node through MSW's setupServer (issue 15, item 2): the app's typed clients
// call the vendors' real base URLs, unchanged; the stateful reference answers, with no server.

const intercom = await createMockApi({ api: "intercom" });
const dfns = await createMockApi({ api: "dfns" });
const network = setupServer(...intercom.handlers, ...dfns.handlers);

beforeAll(() => network.listen({ onUnhandledRequest: "error" }));
afterAll(() => network.close());
beforeEach(() => {
  intercom.reset();
  dfns.reset();
});

const intercomClient = () => createIntercomClient({ baseUrl: "https://api.intercom.io", token: intercom.credentials.token! });

describe("archive-kit/msw with setupServer", () => {
  it("answers at the vendors' own base URLs by default", () => {
    expect([intercom.baseUrl, dfns.baseUrl]).toEqual(["https://api.intercom.io", "https://api.dfns.io"]);
  });

  it("Intercom: creates users, archives them by id, e-mail and user_id, then each is a 404; X-RateLimit-Remaining counts down", async () => {
    const client = intercomClient();
    const remaining: number[] = [];
    const made = [];
    for (const key of ["id", "email", "user_id"]) {
      const { data, response } = await client.POST("/users", { body: { user_id: `msw-${key}`, email: `msw-${key}@example.com` } });
      expect(response.status).toBe(200);
      remaining.push(Number(response.headers.get("X-RateLimit-Remaining")));
      made.push(data!);
    }
    const [byId, byEmail, byUserId] = made as Array<{ id: string; email: string; user_id: string }>;
    expect((await client.DELETE("/users/{id}", { params: { path: { id: byId!.id } } })).response.status).toBe(200);
    expect((await client.DELETE("/users", { params: { query: { email: byEmail!.email } } })).response.status).toBe(200);
    const archived = await client.DELETE("/users", { params: { query: { user_id: byUserId!.user_id } } });
    expect([archived.response.status, (archived.data as { id: string }).id]).toEqual([200, byUserId!.id]);
    for (const user of made as Array<{ id: string }>) {
      const { error, response } = await client.GET("/users/{id}", { params: { path: { id: user.id } } });
      expect([response.status, (error as { errors: Array<{ code: string }> }).errors[0]!.code]).toEqual([404, "not_found"]);
    }
    expect(remaining.slice(1).map((value, i) => remaining[i]! - value)).toEqual([1, 1]);
    expect(intercom.requests().map((entry) => `${entry.method} ${entry.operationId} ${entry.status}`)).toEqual([
      "POST createOrUpdateUser 200",
      "POST createOrUpdateUser 200",
      "POST createOrUpdateUser 200",
      "DELETE archiveUserById 200",
      "DELETE archiveUserByQuery 200",
      "DELETE archiveUserByQuery 200",
      "GET viewUserById 404",
      "GET viewUserById 404",
      "GET viewUserById 404",
    ]);
  });

  it("respond forces a documented answer for the next request only; an undocumented one throws, naming what exists", async () => {
    const client = intercomClient();
    intercom.respond("archiveUserById", 429);
    const limited = await client.DELETE("/users/{id}", { params: { path: { id: "5714dd359a3fd47136000001" } } });
    expect([limited.response.status, limited.response.headers.get("X-RateLimit-Remaining")]).toEqual([429, "0"]);
    expect((await client.DELETE("/users/{id}", { params: { path: { id: "5714dd359a3fd47136000001" } } })).response.status).toBe(200);
    // What a JavaScript caller can still pass: the types refuse both (test/types/msw.typecheck.ts).
    const untyped = intercom.respond as (operationId: string, status: number) => void;
    expect(() => untyped("archiveUserById", 302)).toThrow(/^respond: code 302 is not documented for archiveUserById; documented: 200, 400, 401, 404, 406, 429, 4XX, 5XX$/);
    expect(() => untyped("archiveUser", 200)).toThrow(/operationId archiveUser is not an operation of this API/);
  });

  it("seed adds users the app then finds; a bad one is refused whole, naming the field", async () => {
    expect(intercom.seed([{ user_id: "seeded-in-msw", email: "seeded@example.com" }])).toEqual({ ok: true });
    const { data } = await intercomClient().GET("/users", { params: { query: { user_id: "seeded-in-msw" } } });
    expect(data).toMatchObject({ type: "user", email: "seeded@example.com" });
    expect(intercom.seed([{ user_id: "fine" }, { email: 5 }])).toEqual({ ok: false, message: expect.stringMatching(/^users\[1\]: not a valid User: .*\/email/) });
  });

  it("an undocumented path or method gets the API's own 404 and 405", async () => {
    const notFound = await fetch("https://api.intercom.io/contacts", { headers: { Accept: "application/json" } });
    expect([notFound.status, ((await notFound.json()) as { errors: Array<{ code: string }> }).errors[0]!.code]).toEqual([404, "not_found"]);
    const notAllowed = await fetch("https://api.dfns.io/auth/users/us-2mhcm-9r90a-92ran47bjpl60hmv", { method: "PATCH" });
    expect([notAllowed.status, notAllowed.headers.get("Allow")]).toEqual([405, expect.stringContaining("DELETE")]);
  });

  it("Dfns: the whole signed archive through createDfnsClient and the Node key signer; the user is gone afterwards", async () => {
    const credentials = dfns.credentials;
    const client = createDfnsClient({
      baseUrl: "https://api.dfns.io",
      token: credentials.token!,
      signer: createKeySigner({ credId: credentials.credentialId!, privateKey: credentials.privateKey! }),
    });
    const userId = "us-3mp1y-00001-0a1b2c3d4e5f6g7h";
    const archived = await client.DELETE("/auth/users/{userId}", { params: { path: { userId } } });
    expect([archived.response.status, (archived.data as { isActive: boolean }).isActive]).toEqual([200, false]);
    expect((await client.GET("/auth/users/{userId}", { params: { path: { userId } } })).response.status).toBe(404);
    expect(dfns.requests().map((entry) => entry.operationId)).toEqual(["createUserActionChallenge", "createUserActionSignature", "archiveUser", "getUser"]);
  });

  it("two mocks never share state", async () => {
    const other = await createMockApi({ api: "intercom", baseUrl: "https://staging.intercom.test/" });
    expect(other.baseUrl).toBe("https://staging.intercom.test");
    network.use(...other.handlers);
    const client = createIntercomClient({ baseUrl: other.baseUrl, token: other.credentials.token! });
    expect((await client.DELETE("/users/{id}", { params: { path: { id: "5714dd359a3fd47136000001" } } })).response.status).toBe(200);
    expect((await intercomClient().GET("/users/{id}", { params: { path: { id: "5714dd359a3fd47136000001" } } })).response.status).toBe(200);
    expect(other.requests()).toHaveLength(1);
    expect(intercom.requests()).toHaveLength(1);
  });
});
