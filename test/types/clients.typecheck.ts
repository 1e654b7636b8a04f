// Compiled by `npm run typecheck` (part of `npm test`), never run. Each @ts-expect-error line must
// be a compile error, or tsc fails: the typed clients reject wrong paths, parameters and bodies.
import { createDfnsClient, createIntercomClient } from "../../src/index.js";

const intercom = createIntercomClient({ baseUrl: "http://127.0.0.1:4010", token: "t" });
const dfns = createDfnsClient({ baseUrl: "http://127.0.0.1:4011", token: "t" });

export async function documentedCallsCompile() {
  const archived = await intercom.DELETE("/users/{id}", { params: { path: { id: "5714dd359a3fd47136000001" } } });
  const email: string | null | undefined = archived.data?.email;
  await intercom.DELETE("/users", { params: { query: { email: "wash@example.com" } } });
  await intercom.POST("/user_delete_requests", { body: { intercom_user_id: "5714dd359a3fd47136000001" } });
  const user = await dfns.DELETE("/auth/users/{userId}", { params: { path: { userId: "us-a-b-c" } }, body: {} });
  const isActive: boolean | undefined = user.data?.isActive;
  return { email, isActive };
}

export async function wrongPaths() {
  // @ts-expect-error Intercom 1.3 has no /contacts
  await intercom.DELETE("/contacts/{id}", { params: { path: { id: "1" } } });
  // @ts-expect-error archiving is DELETE, not POST, on /users/{id}
  await intercom.POST("/users/{id}", { params: { path: { id: "1" } } });
  // @ts-expect-error Dfns archives under /auth/users, not /users
  await dfns.DELETE("/users/{userId}", { params: { path: { userId: "us-a-b-c" } } });
}

export async function wrongParameters() {
  // @ts-expect-error the path parameter is `id`, not `userId`
  await intercom.DELETE("/users/{id}", { params: { path: { userId: "1" } } });
  // @ts-expect-error there is no `name` query parameter for archiving
  await intercom.DELETE("/users", { params: { query: { name: "Joe" } } });
  // @ts-expect-error `limit` is a number
  await dfns.GET("/auth/users", { params: { query: { limit: "10" } } });
  // @ts-expect-error the Dfns path parameter `userId` is required
  await dfns.DELETE("/auth/users/{userId}", { params: { path: {} } });
}

export async function wrongBodies() {
  // @ts-expect-error `intercom_user_id` is a string
  await intercom.POST("/user_delete_requests", { body: { intercom_user_id: 5714 } });
  // @ts-expect-error `user_id` is a string
  await intercom.POST("/users", { body: { user_id: 25 } });
  // @ts-expect-error Dfns creates CustomerEmployee users only
  await dfns.POST("/auth/users", { body: { email: "a@example.com", kind: "EndUser" } });
  // @ts-expect-error user action signing takes a known HTTP method
  await dfns.POST("/auth/action/init", { body: { userActionPayload: "", userActionHttpMethod: "FETCH", userActionHttpPath: "/" } });
}
