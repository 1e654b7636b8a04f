import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startPrismMock, startReferenceServer } from "../../src/index.js";

const exec = promisify(execFile);
const example = new URL("../../examples/archive-with-typed-clients.mjs", import.meta.url);

async function runExample(intercomUrl: string, dfnsUrl: string): Promise<string> {
  const { stdout } = await exec(process.execPath, [example.pathname], { env: { ...process.env, INTERCOM_URL: intercomUrl, DFNS_URL: dfnsUrl } });
  return stdout;
}

describe("the typed-client example (docs/tutorials/mock-for-a-frontend.md)", () => {
  it("archives against the stateful mocks, which then forget the user", async () => {
    const [intercom, dfns] = await Promise.all([
      startReferenceServer({ api: "intercom", checkResponses: true }),
      startReferenceServer({ api: "dfns", checkResponses: true }),
    ]);
    try {
      expect(await runExample(intercom.url, dfns.url)).toBe(
        [
          "intercom: archive user_id 25 → 200 email@example.com",
          "intercom: view it again → 404",
          "dfns: archive us-2mhcm-9r90a-92ran47bjpl60hmv → 200 isActive=false",
          "",
        ].join("\n"),
      );
      expect([...intercom.violations, ...dfns.violations]).toEqual([]);
    } finally {
      await Promise.all([intercom.close(), dfns.close()]);
    }
  });

  it("runs against the Prism mocks too, which remember nothing", async () => {
    const [intercom, dfns] = await Promise.all([startPrismMock({ api: "intercom" }), startPrismMock({ api: "dfns" })]);
    try {
      const output = await runExample(intercom.url, dfns.url);
      expect(output).toContain("intercom: archive user_id 25 → 200 email@example.com");
      expect(output).toContain("intercom: view it again → 200");
      expect(output).toContain("dfns: archive us-2mhcm-9r90a-92ran47bjpl60hmv → 200 isActive=false");
    } finally {
      await Promise.all([intercom.close(), dfns.close()]);
    }
  });
});
