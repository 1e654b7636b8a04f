/**
 * The two tutorials' commands, run as written: docs/tutorials/mock-for-a-frontend.md (each mock
 * started on a free port in place of its default, its curl lines against a stateful mock, the
 * typed-client example) and docs/tutorials/verify-your-implementation.md (verify against a
 * conforming Intercom and Dfns, the vitest example against a mock).
 */
import { copyFileSync, mkdtempSync, symlinkSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unusedPort } from "../helpers/ports.js";
import { startReferenceServer } from "../../src/wiring.js";
import { sh, started } from "../helpers/shell.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const blocksOf = async (page: string) =>
  [...(await readFile(path.join(root, page), "utf8")).matchAll(/```sh\n([\s\S]*?)```/g)].map((block) =>
    block[1]!.replace(/\\\n\s*/g, "").trim().split("\n").map((line) => line.replace(/\s+#.*$/, "")),
  );
const mockPage = await blocksOf("docs/tutorials/mock-for-a-frontend.md");
const verifyPage = await blocksOf("docs/tutorials/verify-your-implementation.md");

/** Starts a mock command with `--port` added and resolves once it listens; `stop` is Ctrl+C. */
const mock = (command: string, port: number) => started(`${command} --port ${port}`, /Press Ctrl\+C to stop/, { cwd: root });

describe("docs: Mock for a frontend", () => {
  it("each of its four mock commands serves on its port and stops on Ctrl+C", async () => {
    expect(mockPage[0]).toHaveLength(4);
    for (const command of mockPage[0]!) {
      const port = await unusedPort();
      const running = await mock(command, port);
      const probe = command.includes("dfns") ? "/auth/users/us-2mhcm-9r90a-92ran47bjpl60hmv" : "/users/5714dd359a3fd47136000001";
      const token = command.includes("dfns") ? "test-only-dfns-admin-token" : "test-only-intercom-token";
      expect((await fetch(`http://127.0.0.1:${port}${probe}`, { headers: { Authorization: `Bearer ${token}` } })).status).toBeLessThan(500);
      expect(await running.stop()).toBe(0);
    }
  });

  it("its curl lines force an error, slow an answer, read the state and reset it; its faults mock starts", async () => {
    const port = await unusedPort();
    const running = await mock("node dist/cli/main.js mock intercom --stateful", port);
    try {
      const local = (line: string) => line.replaceAll("127.0.0.1:4010", `127.0.0.1:${port}`);
      const [forced, slowed, faults] = mockPage[1]!;
      expect((await sh(local(forced!))).stdout).toMatch(/^HTTP\/1\.1 429/);
      expect((await sh(local(slowed!))).stdout).toMatch(/^HTTP\/1\.1 200/);
      const [state, reset] = mockPage[2]!;
      expect((await sh(local(state!))).stdout).toMatch(/"users"/);
      expect((await sh(local(reset!))).stdout.trim()).toBe("204");
      const faultsPort = await unusedPort();
      const faulty = await mock(faults!.replace(/--port \d+ /, ""), faultsPort);
      expect(await faulty.stop()).toBe(0);
    } finally {
      await running.stop();
    }
  });

  it("its typed-client example archives against the stateful mocks", async () => {
    const [intercom, dfns] = await Promise.all([startReferenceServer({ api: "intercom" }), startReferenceServer({ api: "dfns" })]);
    try {
      const { code, output } = await sh(mockPage[3]![0]!, { cwd: root, env: { INTERCOM_URL: intercom.url, DFNS_URL: dfns.url } });
      expect(output).toMatch(/intercom: archive user_id 25 → 200/);
      expect(code).toBe(0);
    } finally {
      await Promise.all([intercom.close(), dfns.close()]);
    }
  });
});

describe("docs: Verify your implementation", () => {
  it("its verify commands pass a conforming Intercom and Dfns", async () => {
    const [intercom, dfns] = await Promise.all([startReferenceServer({ api: "intercom", rateLimit: { limit: 1_000_000, windowSeconds: 60 } }), startReferenceServer({ api: "dfns" })]);
    const cwd = mkdtempSync(path.join(tmpdir(), "archive-kit-verify-page-"));
    copyFileSync(path.join(root, "fixtures/dfns/keys/admin.p256.test-only.pem"), path.join(cwd, "key.pem"));
    // examples/vars.yaml names its key files relative to where you run.
    symlinkSync(path.join(root, "fixtures"), path.join(cwd, "fixtures"));
    try {
      const filled = (command: string) =>
        command
          .replace("node dist/cli/main.js", `node ${path.join(root, "dist/cli/main.js")}`)
          .replace("INTERCOM_TOKEN=…", "INTERCOM_TOKEN=test-only-intercom-token")
          .replace("DFNS_TOKEN=…", "DFNS_TOKEN=test-only-dfns-admin-token")
          .replace("DFNS_CREDENTIAL_ID=…", "DFNS_CREDENTIAL_ID=Y3ItNGRtMW4tMGExYjItM2M0ZDVlNmY3ZzhoOWkwag")
          .replace("http://127.0.0.1:8080", intercom.url)
          .replace("http://127.0.0.1:8081", dfns.url);
      expect(verifyPage[0]).toHaveLength(2);
      const [intercomCommand, dfnsCommand] = verifyPage[0]!.map(filled);
      const intercomRun = await sh(intercomCommand!, { cwd });
      expect(intercomRun.output).toMatch(/\d+ passed, 0 failed/);
      expect(intercomRun.code).toBe(0);
      // As the page says: without the callers of --vars, the documented permission examples are skipped, and that fails the run.
      const withoutVars = await sh(dfnsCommand!, { cwd });
      expect(withoutVars.output).toMatch(/Skipped documented examples — not checked, so the run fails/);
      expect(withoutVars.code).toBe(1);
      const withVars = await sh(`${dfnsCommand} --vars ${path.join(root, "examples/vars.yaml")}`, { cwd });
      expect(withVars.output).toMatch(/\d+ passed, 0 failed, 0 skipped/);
      expect(withVars.code).toBe(0);
    } finally {
      await Promise.all([intercom.close(), dfns.close()]);
    }
  });

  it("its vitest example runs every case as a test against a mock", async () => {
    const [background, suite] = verifyPage[1]!;
    const port = await unusedPort();
    const running = await mock(background!.replace(/ &$/, ""), port);
    try {
      const { code, output } = await sh(suite!.replace("http://127.0.0.1:4010", `http://127.0.0.1:${port}`));
      expect(output).toMatch(/Tests\s+19 passed \| 1 skipped \(20\)/);
      expect(code).toBe(0);
    } finally {
      await running.stop();
    }
  });
});
