// A user's suite that waits for its implementation (test/cli/readiness.test.ts runs it).
import { conformanceSuite } from "archive-kit/vitest";

conformanceSuite({
  api: "intercom",
  baseUrl: process.env.INTERCOM_URL,
  credentials: { token: "test-only-intercom-token" },
  ids: ["intercom/archive-by-email"],
  waitS: Number(process.env.WAIT_S),
});
