import { describe, expect, it } from "vitest";
import { unusedPort } from "../helpers/ports.js";
import { runCli } from "../helpers/cli.js";
import { startCli } from "../helpers/long-running-cli.js";

// `archive-kit mock <api> --stateful --latency/--fail-rate/--seed`, as a user runs it.

const JOE_ID = "5714dd359a3fd47136000001";
const TOKEN = "test-only-intercom-token";

async function view(baseUrl: string): Promise<{ status: number; elapsedMs: number }> {
  const startedAt = performance.now();
  const response = await fetch(`${baseUrl}/users/${JOE_ID}`, { headers: { authorization: `Bearer ${TOKEN}`, accept: "application/json" } });
  await response.arrayBuffer();
  return { status: response.status, elapsedMs: performance.now() - startedAt };
}

/** Starts the stateful Intercom mock with `flags`, runs `use` against it, and stops it (exit 0). */
async function withMock<T>(flags: string[], use: (baseUrl: string, banner: string) => Promise<T>): Promise<T> {
  const port = await unusedPort();
  const cli = await startCli(["mock", "intercom", "--stateful", "--port", String(port), ...flags], /Press Ctrl\+C/);
  try {
    return await use(`http://127.0.0.1:${port}`, cli.banner);
  } finally {
    expect(await cli.stop()).toBe(0);
  }
}

describe("archive-kit mock --stateful faults", () => {
  it("--latency MS delays every API answer by at least MS, and says so", async () => {
    await withMock(["--latency", "400"], async (baseUrl, banner) => {
      expect(banner).toContain("Every API answer is delayed by 400 ms (--latency).");
      for (let i = 0; i < 2; i++) {
        const reply = await view(baseUrl);
        expect(reply.status).toBe(200);
        expect(reply.elapsedMs).toBeGreaterThanOrEqual(390);
      }
    });
  });

  it("--fail-rate 1 answers every API request with a documented 429 or 5xx; a Prefer still gets through", async () => {
    await withMock(["--fail-rate", "1"], async (baseUrl, banner) => {
      expect(banner).toMatch(/100% of API requests answer a documented 5xx or 429 at random, state untouched \(--fail-rate 1 --seed \d+ repeats them\)\./);
      for (let i = 0; i < 10; i++) {
        const archive = await fetch(`${baseUrl}/users/${JOE_ID}`, { method: "DELETE", headers: { authorization: `Bearer ${TOKEN}` } });
        expect([429, 500]).toContain(archive.status);
        expect(await archive.json()).toMatchObject({ type: "error.list" });
      }
      // An explicit Prefer is not failed at random.
      const forced = await fetch(`${baseUrl}/users/${JOE_ID}`, { headers: { authorization: `Bearer ${TOKEN}`, prefer: "code=200" } });
      expect(forced.status).toBe(200);
    });
  });

  it("--fail-rate 0.5 --seed 7 fails the same requests on every run", async () => {
    const run = () =>
      withMock(["--fail-rate", "0.5", "--seed", "7"], async (baseUrl, banner) => {
        expect(banner).toContain("(--fail-rate 0.5 --seed 7 repeats them)");
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push((await view(baseUrl)).status);
        return statuses;
      });
    const first = await run();
    expect(first).toContain(200);
    expect(first.some((status) => status === 429 || status === 500)).toBe(true);
    expect(await run()).toEqual(first);
  });

  it.each([
    [["--latency", "-1"], /'--latency <ms>' argument '-1' is invalid — must be a whole number of milliseconds from 0 to 10000$/],
    [["--latency", "10001"], /'--latency <ms>' argument '10001' is invalid/],
    [["--latency", "fast"], /'--latency <ms>' argument 'fast' is invalid/],
    [["--fail-rate", "1.5"], /'--fail-rate <p>' argument '1\.5' is invalid — must be a share from 0 to 1, like 0\.25$/],
    [["--fail-rate", "50%"], /'--fail-rate <p>' argument '50%' is invalid/],
    [["--fail-rate", "-0.1"], /'--fail-rate <p>' argument '-0\.1' is invalid/],
    [["--seed", "4294967296"], /'--seed <n>' argument '4294967296' is invalid — must be a whole number from 0 to 4294967295$/],
    [["--seed", "x"], /'--seed <n>' argument 'x' is invalid/],
  ])("mock intercom --stateful %j is a one-line usage error, exit 2", async (flags, message) => {
    const { code, stderr } = await runCli(["mock", "intercom", "--stateful", ...flags]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^archive-kit: [^\n]+\n$/);
    expect(stderr.trimEnd()).toMatch(message);
  });

  it("--latency, --fail-rate and --seed without --stateful are refused: Prism takes a Prefer header", async () => {
    const { code, stderr } = await runCli(["mock", "intercom", "--latency", "100"]);
    expect(code).toBe(2);
    expect(stderr).toBe("archive-kit: --latency, --fail-rate and --seed apply to the reference server — add --stateful (Prism takes a Prefer header)\n");
  });
});
