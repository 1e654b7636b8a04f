import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrismMock, type PrismMock } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";

// Property names outside Latin-1 (issue 16): fuzz adds them where the contract forbids extra
// properties. Prism 5.14 copies such a name into its `sl-violations` response header, and Node
// kills it for it ("Invalid character in header content"); fuzz reports that, and never dies of
// the name itself. The reference refuses the same requests with its documented 400.

const FORBIDDEN = ["--operation", "permanentlyDeleteUser", "--include-permanent-delete", "--seed", "3", "--max-examples", "20"];

describe("fuzz with property names outside Latin-1", () => {
  let prism: PrismMock;
  beforeAll(async () => {
    prism = await startPrismMock({ api: "intercom" });
  });
  afterAll(() => prism?.close());

  it("reports Prism's crash on one, naming the property and the reset connection, with no error of its own", async () => {
    const result = await runCli(["fuzz", "--api", "intercom", "--base-url", prism.url, "--intercom-token", "any-token", ...FORBIDDEN]);
    expect(result.stdout).toMatch(/✗ intercom\/fuzz-permanently-delete-user-negative-additional-properties .*violates additionalProperties at body\/(日|\u{1D4B3}|e\u0301|\u05E9\u05D3\u05D4): body with a property the contract forbids/u);
    expect(result.stdout).toMatch(/No usable response at transport \(POST \/user_delete_requests\): Received: connection reset before a complete response/);
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.code).not.toBe(0);
  });

  it("the reference refuses each such request with its documented 400: the run passes", async () => {
    const result = await runCli(["fuzz", "--api", "intercom", ...FORBIDDEN]);
    expect(result.stdout).toMatch(/✓ intercom\/fuzz-permanently-delete-user-negative {2}requests violating one constraint each: \d+ passed/);
    expect(result.code).toBe(0);
  });
});
