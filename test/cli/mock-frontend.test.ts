import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { unusedPort } from "../helpers/ports.js";
import { runCli } from "../helpers/cli.js";
import { startCli, type RunningCli } from "../helpers/long-running-cli.js";

// The mock command's CORS flags, request log and admin endpoints, as a frontend developer uses them.

const PAGE = "http://localhost:5173";
const TOKEN = "test-only-intercom-token";

function send(url: string, method: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (incoming) => {
      incoming.resume();
      incoming.on("end", () => resolve({ status: incoming.statusCode!, headers: incoming.headers }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

const preflight = (url: string, origin = PAGE) =>
  send(url, "OPTIONS", { Origin: origin, "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": "authorization" });

/** Everything a running CLI printed after its banner, once `settleMs` passed without a wait for a line. */
async function outputAfter(cli: RunningCli, settleMs: number): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return (await cli.waitForOutput(/[\s\S]*/)).slice(cli.banner.length);
}

async function withMock(args: string[], use: (cli: RunningCli, url: string) => Promise<void>): Promise<void> {
  const port = await unusedPort();
  const cli = await startCli(["mock", ...args, "--port", String(port)], /Press Ctrl\+C/);
  try {
    await use(cli, `http://127.0.0.1:${port}`);
  } finally {
    expect(await cli.stop()).toBe(0);
  }
}

describe("mock --stateful from a browser's point of view", () => {
  it("announces the admin endpoints and CORS, logs one line per request, and never a credential", async () => {
    await withMock(["intercom", "--stateful"], async (cli, url) => {
      expect(cli.banner).toContain(`Admin (no credentials): GET ${url}/__archive-kit/state and /__archive-kit/requests; POST (Content-Type: application/json) ${url}/__archive-kit/reset, /__archive-kit/respond and /__archive-kit/seed`);
      expect(cli.banner).toContain("CORS: any origin");
      expect(cli.banner).not.toContain("warning:");
      const archive = await send(`${url}/users?user_id=25&access_token=query-secret-1234`, "DELETE", {
        Authorization: `Bearer ${TOKEN}`,
        Accept: "application/json",
        Origin: PAGE,
      });
      expect([archive.status, archive.headers["access-control-allow-origin"]]).toEqual([200, PAGE]);
      expect((await preflight(`${url}/users`)).status).toBe(204);
      expect((await send(`${url}/__archive-kit/reset`, "POST", { "Content-Type": "application/json" })).status).toBe(204);
      const output = await cli.waitForOutput(/POST \/__archive-kit\/reset 204 \d+ ms/);
      expect(output).toMatch(/^DELETE \/users\?user_id=25&\[redacted\] 200 \d+ ms$/m);
      expect(output).toMatch(/^OPTIONS \/users 204 \d+ ms$/m);
      expect(output).not.toContain("query-secret-1234");
      expect(output.slice(cli.banner.length)).not.toContain(TOKEN);
    });
  });

  it("--quiet prints no request log", async () => {
    await withMock(["intercom", "--stateful", "--quiet"], async (cli, url) => {
      expect((await send(`${url}/users`, "GET", { Authorization: `Bearer ${TOKEN}`, Accept: "application/json" })).status).toBe(200);
      expect((await send(`${url}/__archive-kit/state`, "GET")).status).toBe(200);
      expect(await outputAfter(cli, 500)).toBe("");
    });
  });

  it("--cors-origin allows only the origins given: another page gets no CORS headers", async () => {
    await withMock(["dfns", "--stateful", "--cors-origin", "http://localhost:5173/", "https://app.example.test"], async (cli, url) => {
      expect(cli.banner).toContain("CORS: only http://localhost:5173, https://app.example.test");
      const allowed = await preflight(`${url}/auth/users/us-2mhcm-9r90a-92ran47bjpl60hmv`);
      expect([allowed.status, allowed.headers["access-control-allow-origin"]]).toEqual([204, PAGE]);
      const other = await preflight(`${url}/auth/users/us-2mhcm-9r90a-92ran47bjpl60hmv`, "http://localhost:3000");
      expect(other.status).toBe(405);
      expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    });
  });

  it("--no-cors answers OPTIONS as the API's 405 and sends no CORS headers", async () => {
    await withMock(["intercom", "--stateful", "--no-cors"], async (cli, url) => {
      expect(cli.banner).toContain("CORS: off (--no-cors)");
      const reply = await preflight(`${url}/users`);
      expect(reply.status).toBe(405);
      expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
      const state = await send(`${url}/__archive-kit/state`, "GET", { Origin: PAGE });
      expect([state.status, state.headers["access-control-allow-origin"]]).toEqual([200, undefined]);
    });
  });

  it.each([
    [["mock", "intercom", "--stateful", "--cors-origin", "localhost:5173"], /--cors-origin localhost:5173: not an origin — give scheme, host and port only, like http:\/\/localhost:5173/],
    [["mock", "intercom", "--stateful", "--cors-origin", "http://localhost:5173/app"], /--cors-origin http:\/\/localhost:5173\/app: not an origin/],
    [["mock", "intercom", "--stateful", "--cors-origin", PAGE, "--no-cors"], /--cors-origin and --no-cors contradict each other — drop one/],
    [["mock", "dfns", "--cors-origin", PAGE], /--cors-origin applies to the reference server — add --stateful/],
    [["mock", "intercom", "--stateful", "--cors-headers", "traceparent", "--no-cors"], /--cors-headers and --no-cors contradict each other — drop one/],
    [["mock", "intercom", "--cors-headers", "traceparent"], /--cors-headers applies to the reference server — add --stateful/],
    [["mock", "intercom", "--allowed-host", "dev.example.test"], /--allowed-host applies to the reference server — add --stateful/],
  ])("%j is one clear line and exit code 2", async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("mock --stateful on a developer's machine", () => {
  it("--host on an address other machines reach warns that the admin endpoints are open", async () => {
    await withMock(["intercom", "--stateful", "--host", "0.0.0.0"], async (cli, url) => {
      expect(cli.banner).toMatch(/^warning: --host 0\.0\.0\.0 is reachable from other machines, and the admin endpoints need no credentials: .* use --host 127\.0\.0\.1 unless that is what you want$/m);
      expect((await send(`${url}/__archive-kit/state`, "GET")).status).toBe(200);
    });
  });

  it("--allowed-host adds a host name it answers; any other name is a 421 (DNS rebinding)", async () => {
    await withMock(["intercom", "--stateful", "--allowed-host", "dev.example.test"], async (_cli, url) => {
      const port = new URL(url).port;
      expect((await send(`${url}/__archive-kit/state`, "GET", { Host: `dev.example.test:${port}` })).status).toBe(200);
      expect((await send(`${url}/__archive-kit/state`, "GET", { Host: `rebind.evil.test:${port}` })).status).toBe(421);
    });
  });

  it("--cors-headers limits what a preflight allows to the API's headers and those given", async () => {
    await withMock(["intercom", "--stateful", "--cors-headers", "traceparent"], async (_cli, url) => {
      const reply = await send(`${url}/users`, "OPTIONS", { Origin: PAGE, "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": "authorization, traceparent, sentry-trace" });
      const allowed = String(reply.headers["access-control-allow-headers"]).split(", ");
      expect(allowed).toEqual(expect.arrayContaining(["authorization", "traceparent"]));
      expect(allowed).not.toContain("sentry-trace");
    });
  });
});

describe("mock (Prism)", () => {
  it("passes Prism's own request log through, and sends Prism's own CORS", async () => {
    await withMock(["intercom"], async (cli, url) => {
      const reply = await send(`${url}/users?user_id=25`, "DELETE", { Authorization: `Bearer ${TOKEN}`, Accept: "application/json", Origin: PAGE });
      // Prism's own CORS, as docs/tutorials/mock-for-a-frontend.md says: the origin echoed, with credentials allowed.
      expect([reply.headers["access-control-allow-origin"], reply.headers["access-control-allow-credentials"]]).toEqual([PAGE, "true"]);
      const output = await cli.waitForOutput(/Responding with "200"/);
      expect(output.slice(cli.banner.length)).toMatch(/\[HTTP SERVER\] delete \/users .*Request received/);
    });
  });

  it("--quiet drops Prism's request log; --no-cors turns Prism's CORS off", async () => {
    await withMock(["intercom", "--quiet", "--no-cors"], async (cli, url) => {
      const reply = await send(`${url}/users?user_id=25`, "DELETE", { Authorization: `Bearer ${TOKEN}`, Accept: "application/json", Origin: PAGE });
      expect(reply.status).toBe(200);
      expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
      expect(await outputAfter(cli, 1000)).toBe("");
    });
  });
});
