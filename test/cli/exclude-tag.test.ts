/** verify --exclude-tag (issue 14, item 6): what it leaves out, and a selection it empties is a usage error. */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const caseIds = (stdout: string) => [...stdout.matchAll(/[✓✗-] (intercom\/[a-z0-9-]+)/g)].map((match) => match[1]!);

describe("verify --exclude-tag", () => {
  it("leaves out every case carrying one of the tags, and runs the rest", async () => {
    const all = await runCli(["verify", "--api", "intercom"]);
    const kept = await runCli(["verify", "--api", "intercom", "--exclude-tag", "destructive", "stateful"]);
    expect(kept.code).toBe(0);
    expect(caseIds(kept.stdout).length).toBeGreaterThan(0);
    expect(caseIds(kept.stdout).length).toBeLessThan(caseIds(all.stdout).length);
    expect(caseIds(kept.stdout)).not.toContain("intercom/archive-by-id");
    expect(caseIds(kept.stdout)).toContain("intercom/archive-without-credentials");
  });

  it("applies after --tag: excluding what --tag selected is a usage error naming both", async () => {
    const result = await runCli(["verify", "--api", "intercom", "--tag", "auth", "--exclude-tag", "auth"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe("archive-kit: intercom: no case matches --tag auth --exclude-tag auth — check the ids and tags in the case files (conformance/<api>/*.yaml)");
  });
});
