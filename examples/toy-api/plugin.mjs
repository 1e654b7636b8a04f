// @ts-check
import { fileURLToPath } from "node:url";
import { callerCredential, caseAuth, caseHeaders, defineApiPlugin, describeAnswer, readFixture, requestBody, requestTarget, SetupFailed } from "archive-kit";
import { createToyReference } from "./reference.mjs";

/** @typedef {import("./reference.mjs").ToyFixtures} ToyFixtures */

/** @param {string} relative */
const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * A toy "deactivate user" API, plugged in from outside the package (`--plugin`, `plugins: [...]`)
 * to prove that a third API needs nothing but its own folder.
 */
export default defineApiPlugin({
  name: "toy",
  title: "Toy directory (deactivate a user)",
  contractFile: here("openapi/deactivate.yaml"),
  errorSchemaName: "Error",
  casesDir: here("conformance"),
  fixturesDir: here("fixtures"),
  defaultPort: 4030,
  /** @returns {ToyFixtures} */
  loadFixtures(dir) {
    const { tokens } = /** @type {{ tokens: string[] }} */ (readFixture(dir, "tokens.json"));
    const { users } = /** @type {Pick<ToyFixtures, "users">} */ (readFixture(dir, "users.json"));
    return { tokens, users };
  },
  reference: {
    create: (contract, fixtures) => ({ api: createToyReference(contract, fixtures), credentials: { token: fixtures.tokens[0] ?? "" } }),
    settingFlags: [],
    verifySettings: {},
  },
  exampleCurl(baseUrl, credentials) {
    return `curl -s -X POST '${baseUrl}/users/u-1/deactivate' -H 'Authorization: Bearer ${credentials?.token ?? "any-token"}'`;
  },
  mockHint(baseUrl, credentials) {
    return [`Try: ${this.exampleCurl(baseUrl, credentials)}`];
  },
  conformance: {
    credentials: [{ name: "token", flag: "--toy-token", valueName: "token", env: "TOY_TOKEN", help: "toy API bearer token", secret: true, required: "bearer token" }],
    // The token travels in Authorization only.
    secretHeaders: [],
    createApi: (credentials) => toyConformance(credentials.token ?? ""),
    referenceSetup: (fixtures) => ({ credentials: { token: fixtures.tokens[0] }, variables: {} }),
    prismCredentials: () => ({ token: "prism-accepts-any-token" }),
  },
});

/**
 * Bearer auth (`auth: none` drops it) and users created through `POST /users`.
 * @param {string} token
 * @returns {import("archive-kit").ConformanceAdapter}
 */
function toyConformance(token) {
  /**
   * The case format's `auth`, read by the kit's helper: an unknown caller skips the case, saying so.
   * @param {string | undefined} auth @param {Record<string, unknown>} [variables] @returns {Record<string, string>}
   */
  const authorization = (auth, variables = {}) => {
    const asked = caseAuth(auth, variables, ["basic"]);
    if (asked.kind === "none") return {};
    if (asked.kind === "invalid") return { Authorization: `Bearer ${asked.token}` };
    return { Authorization: `Bearer ${asked.kind === "caller" ? callerCredential(asked, "token") : token}` };
  };
  return {
    // A created user is the run's own when it carries the name sent and its id reads back the same.
    identity: {
      creates: ["createUser"],
      fields: { name: "name" },
      read: (created) => (typeof created.id === "string" && created.id !== "" ? { method: "GET", path: `/users/${encodeURIComponent(created.id)}` } : undefined),
    },
    async preflight({ send }) {
      const exchange = await send({ method: "GET", target: "/users/u-1", headers: { Accept: "application/json", ...authorization(undefined) } });
      return exchange.response?.status === 401 ? { refused: "the token (TOY_TOKEN or --toy-token)", exchange, fix: "pass a token the toy server accepts" } : undefined;
    },
    async prepare(request, { variables }) {
      const body = requestBody(request);
      const defaults = { Accept: "application/json", ...authorization(request.auth, variables), ...(body === undefined ? {} : { "Content-Type": "application/json" }) };
      return { request: { method: request.method, target: requestTarget(request), headers: caseHeaders(request, defaults), body } };
    },
    async create(body, { send }) {
      const headers = { Accept: "application/json", "Content-Type": "application/json", ...authorization(undefined) };
      const exchange = await send({ method: "POST", target: "/users", headers, body: JSON.stringify(body) });
      if (exchange.response?.status !== 201 || !exchange.response.json) throw new SetupFailed(`POST /users answered ${describeAnswer(exchange)}`);
      return exchange.response.json;
    },
  };
}
