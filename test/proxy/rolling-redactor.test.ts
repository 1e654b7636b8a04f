/**
 * A long-running proxy learns a secret or more per exchange (nonces, challenges, user action
 * tokens): its redactor forgets one-time secrets after a generation of exchanges, so masking
 * never slows down or grows with the traffic, while the run's credentials stay masked for good.
 */
import { describe, expect, it } from "vitest";
import { createRollingRedactor, SECRET_GENERATION } from "../../src/proxy/rolling-redactor.js";

describe("the proxy's rolling redactor", () => {
  it("masks a one-time secret for at least a generation of exchanges, and the credentials for good", () => {
    const { redactor, exchanged, keepHeader } = createRollingRedactor({}, ["flag-secret-value"]);
    keepHeader("Authorization", "Bearer token-seen-in-traffic");
    redactor.add("one-time-nonce-1");
    for (let i = 0; i < SECRET_GENERATION; i++) {
      exchanged();
      expect(redactor.redact("echo one-time-nonce-1")).toBe("echo ***");
    }
    for (let i = 0; i < SECRET_GENERATION; i++) exchanged();
    expect(redactor.redact("echo one-time-nonce-1")).toBe("echo one-time-nonce-1");
    for (let i = 0; i < 10 * SECRET_GENERATION; i++) exchanged();
    expect(redactor.redact("flag-secret-value token-seen-in-traffic Bearer token-seen-in-traffic")).toBe("*** *** ***");
  });

  it("holds at most two generations of one-time secrets, however long the traffic", () => {
    const { redactor, exchanged } = createRollingRedactor({}, []);
    for (let i = 0; i < 50 * SECRET_GENERATION; i++) {
      redactor.add(`nonce-number-${i}`);
      exchanged();
    }
    const masked = Array.from({ length: 50 * SECRET_GENERATION }, (_, i) => redactor.redact(`nonce-number-${i}`) === "***").filter(Boolean).length;
    expect(masked).toBeGreaterThanOrEqual(SECRET_GENERATION);
    expect(masked).toBeLessThanOrEqual(2 * SECRET_GENERATION);
  });
});
