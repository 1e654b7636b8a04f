/**
 * Issue 7, "Repeatable": verify twice in a row against one long-lived Dfns implementation gives
 * the same verdict, with and without --vars. Every case creates the users it archives (end users
 * by delegated registration), so nothing a run consumes is needed again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";

const env = { DFNS_TOKEN: "test-only-dfns-admin-token", DFNS_CREDENTIAL_ID: "Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag" };
const signing = ["--dfns-private-key", "fixtures/dfns/keys/admin.p256.test-only.pem", "--dfns-app-id", "ap-38o5u-nsa4s-8a4ne8dcjhu2fpvt"];

describe("verify --api dfns twice against one long-lived reference server", () => {
  let server: ReferenceServer;
  beforeAll(async () => {
    server = await startReferenceServer({ api: "dfns" });
  });
  afterAll(async () => server?.close());

  const twice = async (extra: string[]) => {
    const args = ["verify", "--api", "dfns", "--base-url", server.url, ...signing, ...extra];
    const first = await runCli(args, { env });
    const second = await runCli(args, { env });
    return [first, second].map(({ code, stdout }) => ({ code, summary: stdout.trim().split("\n").at(-1) }));
  };

  it("with --vars examples/vars.yaml: every case passes both times", async () => {
    const [first, second] = await twice(["--vars", "examples/vars.yaml"]);
    expect(first).toEqual({ code: 0, summary: expect.stringMatching(/^\d+ passed, 0 failed, 0 skipped/) });
    expect(second).toEqual(first);
  });

  it("without --vars: the same cases pass (and the same ones are skipped) both times", async () => {
    const [first, second] = await twice(["--allow-skipped-documented"]);
    expect(first).toEqual({ code: 0, summary: expect.stringMatching(/^\d+ passed, 0 failed, \d+ skipped/) });
    expect(second).toEqual(first);
  });
});
