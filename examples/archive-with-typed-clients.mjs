// Archives the documented users through the typed clients, against the local mocks:
//   node dist/cli/main.js mock intercom --stateful     (http://127.0.0.1:4010)
//   node dist/cli/main.js mock dfns --stateful         (http://127.0.0.1:4011)
// Then: node examples/archive-with-typed-clients.mjs   (INTERCOM_URL / DFNS_URL override the URLs)
import { readFileSync } from "node:fs";
import { createDfnsClient, createIntercomClient, createKeySigner } from "archive-kit";

const intercom = createIntercomClient({
  baseUrl: process.env.INTERCOM_URL ?? "http://127.0.0.1:4010",
  token: "test-only-intercom-token",
});
const archived = await intercom.DELETE("/users", { params: { query: { user_id: "25" } } });
console.log(`intercom: archive user_id 25 → ${archived.response.status} ${archived.data?.email}`);
const after = await intercom.GET("/users/{id}", { params: { path: { id: "5714dd359a3fd47136000001" } } });
console.log(`intercom: view it again → ${after.response.status}`);

// TEST-ONLY credential of the reference's admin (fixtures/dfns/org.json); the key signs user actions.
const dfns = createDfnsClient({
  baseUrl: process.env.DFNS_URL ?? "http://127.0.0.1:4011",
  token: "test-only-dfns-admin-token",
  signer: createKeySigner({
    credId: "Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag",
    privateKey: readFileSync(new URL("../fixtures/dfns/keys/admin.p256.test-only.pem", import.meta.url), "utf8"),
  }),
});
const user = await dfns.DELETE("/auth/users/{userId}", {
  params: { path: { userId: "us-2mhcm-9r90a-92ran47bjpl60hmv" } },
  body: {},
});
console.log(`dfns: archive us-2mhcm-9r90a-92ran47bjpl60hmv → ${user.response.status} isActive=${user.data?.isActive}`);
