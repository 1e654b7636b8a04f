// Your implementation's conformance, as tests in your own vitest suite. Point INTERCOM_URL at it:
//   INTERCOM_URL=http://127.0.0.1:8080 INTERCOM_TOKEN=… npx vitest run examples/vitest
import { conformanceSuite } from "archive-kit/vitest";

conformanceSuite({
  api: "intercom",
  baseUrl: process.env.INTERCOM_URL,
  credentials: { token: process.env.INTERCOM_TOKEN },
});
