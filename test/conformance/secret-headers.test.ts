import { describe, expect, it } from "vitest";
import { apiRegistry } from "../../src/wiring.js";
import { GENERIC_SECRET_HEADERS } from "../../src/contract/index.js";
import { createRedactor } from "../../src/conformance/redact.js";
import { maskHeaders } from "../../src/conformance/transport.js";

describe("secret headers: generic in the engine, the rest declared by each plugin", () => {
  const headers = { Authorization: "Bearer tok-1234567", "X-Api-Proof": "proof-1234567", Accept: "application/json" };

  it("the engine alone masks and redacts only the generic credential headers", () => {
    expect(GENERIC_SECRET_HEADERS).toEqual(["authorization", "proxy-authorization", "cookie"]);
    expect(maskHeaders(headers)).toEqual({ Authorization: "Bearer ***", "X-Api-Proof": "proof-1234567", Accept: "application/json" });
    const redactor = createRedactor();
    redactor.addHeaders(headers);
    expect(redactor.redact("tok-1234567 proof-1234567")).toBe("*** proof-1234567");
  });

  it("keeps any auth scheme's name, never the credential", () => {
    const masked = (value: string) => maskHeaders({ Authorization: value }).Authorization;
    expect(masked("SSWS 00abcdefghijklmnop")).toBe("SSWS ***");
    expect(masked("Basic dG9rZW46")).toBe("Basic ***");
    expect(masked("Digest username=\"x\", response=\"y\"")).toBe("Digest ***");
    expect(masked("tok-without-scheme")).toBe("***");
  });

  it("a plugin's secret headers are added to them, whatever their case", () => {
    const secret = new Set([...GENERIC_SECRET_HEADERS, "x-api-proof"]);
    expect(maskHeaders(headers, secret)).toEqual({ Authorization: "Bearer ***", "X-Api-Proof": "***", Accept: "application/json" });
    const redactor = createRedactor({ secretHeaders: ["X-API-PROOF"] });
    redactor.addHeaders(headers);
    expect(redactor.redact("tok-1234567 proof-1234567")).toBe("*** ***");
  });

  it("each registered plugin declares its own, lower-case", () => {
    for (const plugin of apiRegistry().plugins) {
      for (const name of plugin.conformance.secretHeaders) expect(name).toBe(name.toLowerCase());
    }
    expect(apiRegistry().get("dfns").conformance.secretHeaders).toContain("x-dfns-useraction");
  });
});
