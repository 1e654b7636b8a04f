// The in-page mock scenario of issue 15, run the same way in a page (main.ts, built by Vite, in
// Chromium through a real service worker) and in Node (test/msw/scenario.test.ts, setupServer).
// It takes archive-kit's functions as arguments, so the page uses the built package and Node the
// sources. Each step throws on the first answer that differs from what the documents promise.
import type { createDfnsClient, createIntercomClient, createWebCryptoSigner } from "../../../src/client.js";
import type { MockApi } from "../../../src/msw.js";

export interface ScenarioKit {
  createIntercomClient: typeof createIntercomClient;
  createDfnsClient: typeof createDfnsClient;
  createWebCryptoSigner: typeof createWebCryptoSigner;
}

export interface ScenarioMocks {
  intercom: MockApi<"intercom">;
  dfns: MockApi<"dfns">;
}

/** Fixture users of fixtures/intercom/users.json and fixtures/dfns/org.json. */
export const USERS = {
  joe: { id: "5714dd359a3fd47136000001", user_id: "25", email: "email@example.com" },
  wash: { id: "5321a20f72cdbb4192000013", email: "wash@example.com" },
  malcolm: { id: "56e1e5d4a40df1cc57000101", user_id: "5087" },
  foo: { id: "596d3bfdd45d2162b28560ea" },
  seeded: { user_id: "seeded-in-page", email: "seeded@example.com" },
  dfnsEmployee: "us-3mp1y-00001-0a1b2c3d4e5f6g7h",
};

function expectSame(step: string, actual: unknown, expected: unknown): void {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`${step}: got ${a}, expected ${e}`);
}

const errorCode = (error: unknown) => (error as { errors?: Array<{ code?: string }> } | undefined)?.errors?.[0]?.code;

function clients(kit: ScenarioKit, mocks: ScenarioMocks) {
  const intercom = kit.createIntercomClient({ baseUrl: "https://api.intercom.io", token: mocks.intercom.credentials.token });
  const signer = kit.createWebCryptoSigner({ credId: mocks.dfns.credentials.credentialId!, privateKey: mocks.dfns.credentials.privateKey! });
  const dfns = kit.createDfnsClient({ baseUrl: "https://api.dfns.io", token: mocks.dfns.credentials.token, signer });
  return { intercom, dfns };
}

/** The first visit: archives (each user then not found), a forced 429, a seed, the journal, the signed Dfns archive. Returns the steps done. */
export async function firstVisit(kit: ScenarioKit, mocks: ScenarioMocks): Promise<string[]> {
  const { intercom, dfns } = clients(kit, mocks);
  const done: string[] = [];
  const remaining: number[] = [];

  const byId = await intercom.DELETE("/users/{id}", { params: { path: { id: USERS.joe.id } } });
  expectSame("archive by id", [byId.response.status, byId.data?.type, byId.data?.id], [200, "user", USERS.joe.id]);
  remaining.push(Number(byId.response.headers.get("X-RateLimit-Remaining")));
  const goneById = await intercom.GET("/users/{id}", { params: { path: { id: USERS.joe.id } } });
  expectSame("view by id after the archive", [goneById.response.status, errorCode(goneById.error)], [404, "not_found"]);
  done.push("intercom archive by id, then 404");

  const byEmail = await intercom.DELETE("/users", { params: { query: { email: USERS.wash.email } } });
  expectSame("archive by e-mail", [byEmail.response.status, (byEmail.data as { id?: string } | undefined)?.id], [200, USERS.wash.id]);
  remaining.push(Number(byEmail.response.headers.get("X-RateLimit-Remaining")));
  // By e-mail Intercom lists the users holding the address: an archived one is no longer among them.
  const goneByEmail = await intercom.GET("/users", { params: { query: { email: USERS.wash.email } } });
  const listed = goneByEmail.data as { type?: string; total_count?: number } | undefined;
  expectSame("view by e-mail after the archive", [goneByEmail.response.status, listed?.type, listed?.total_count], [200, "user.list", 0]);
  done.push("intercom archive by e-mail, then listed nowhere");

  const byUserId = await intercom.DELETE("/users", { params: { query: { user_id: USERS.malcolm.user_id } } });
  expectSame("archive by user_id", [byUserId.response.status, (byUserId.data as { id?: string } | undefined)?.id], [200, USERS.malcolm.id]);
  remaining.push(Number(byUserId.response.headers.get("X-RateLimit-Remaining")));
  const goneByUserId = await intercom.GET("/users", { params: { query: { user_id: USERS.malcolm.user_id } } });
  expectSame("view by user_id after the archive", [goneByUserId.response.status, errorCode(goneByUserId.error)], [404, "not_found"]);
  done.push("intercom archive by user_id, then 404");

  // Each call takes one from the window: two calls (a view and an archive) between readings.
  expectSame("X-RateLimit-Remaining counts down", [remaining[0]! - remaining[1]!, remaining[1]! - remaining[2]!, remaining[0]! > 0], [2, 2, true]);
  done.push(`X-RateLimit-Remaining read: ${remaining.join(", ")}`);

  mocks.intercom.respond("archiveUserById", 429);
  const limited = await intercom.DELETE("/users/{id}", { params: { path: { id: USERS.foo.id } } });
  expectSame("forced 429", [limited.response.status, limited.response.headers.get("X-RateLimit-Remaining"), errorCode(limited.error)], [429, "0", "rate_limit_exceeded"]);
  const afterForced = await intercom.DELETE("/users/{id}", { params: { path: { id: USERS.foo.id } } });
  expectSame("only the next request is forced", afterForced.response.status, 200);
  done.push("respond forces one 429");

  expectSame("seed", mocks.intercom.seed([USERS.seeded]), { ok: true });
  const seeded = await intercom.GET("/users", { params: { query: { user_id: USERS.seeded.user_id } } });
  expectSame("the seeded user is found", [seeded.response.status, (seeded.data as { email?: string } | undefined)?.email], [200, USERS.seeded.email]);
  done.push("seed, then found");

  const journal = mocks.intercom.requests();
  expectSame(
    "requests()",
    journal.map((entry) => `${entry.method} ${entry.operationId} ${entry.status}`),
    [
      "DELETE archiveUserById 200",
      "GET viewUserById 404",
      "DELETE archiveUserByQuery 200",
      "GET viewUsers 200",
      "DELETE archiveUserByQuery 200",
      "GET viewUsers 404",
      "DELETE archiveUserById 429",
      "DELETE archiveUserById 200",
      "GET viewUsers 200",
    ],
  );
  expectSame("requests() holds no token", JSON.stringify(journal).includes(mocks.intercom.credentials.token), false);
  done.push(`requests() lists ${journal.length}`);

  const archived = await dfns.DELETE("/auth/users/{userId}", { params: { path: { userId: USERS.dfnsEmployee } } });
  expectSame("Dfns signed archive", [archived.response.status, (archived.data as { isActive?: boolean } | undefined)?.isActive], [200, false]);
  const goneInDfns = await dfns.GET("/auth/users/{userId}", { params: { path: { userId: USERS.dfnsEmployee } } });
  expectSame("Dfns user after the archive", goneInDfns.response.status, 404);
  expectSame(
    "the Dfns flow",
    mocks.dfns.requests().map((entry) => `${entry.operationId} ${entry.status}`),
    ["createUserActionChallenge 200", "createUserActionSignature 200", "archiveUser 200", "getUser 404"],
  );
  done.push("Dfns init → WebCrypto sign → action → archive, then 404");
  return done;
}

/** After a reload with `persist`: what the first visit archived and seeded is still so. */
export async function afterReload(kit: ScenarioKit, mocks: ScenarioMocks): Promise<string[]> {
  const { intercom, dfns } = clients(kit, mocks);
  const joe = await intercom.GET("/users/{id}", { params: { path: { id: USERS.joe.id } } });
  expectSame("the archived user after a reload", joe.response.status, 404);
  const seeded = await intercom.GET("/users", { params: { query: { user_id: USERS.seeded.user_id } } });
  expectSame("the seeded user after a reload", seeded.response.status, 200);
  const employee = await dfns.GET("/auth/users/{userId}", { params: { path: { userId: USERS.dfnsEmployee } } });
  expectSame("the archived Dfns user after a reload", employee.response.status, 404);
  const archivedInState = (mocks.intercom.state().users as Array<{ user: { id: string }; archived: boolean }>).find((entry) => entry.user.id === USERS.joe.id)?.archived;
  expectSame("state() after a reload", archivedInState, true);
  return ["state kept across the reload"];
}
