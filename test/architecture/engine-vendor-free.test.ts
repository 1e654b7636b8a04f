/**
 * The engine never names a vendor: what is specific to one API lives in its plugin (src/apis/<api>/).
 * The goal (issue 9, item 1) is an EMPTY list below. Until the plugin boundary is finished, this
 * test pins the files that still name a vendor: a new file naming one fails it, and a file that
 * stops naming one must be removed from the list, so the list can only shrink.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const ENGINE_FOLDERS = ["src/contract", "src/conformance", "src/checks", "src/reporters", "src/reference", "src/mock", "src/cli"];
const VENDOR = /intercom|dfns/i;

/** Engine files that still name a vendor, to be emptied by the rest of item 1. */
const STILL_NAMING_A_VENDOR = [
  "src/cli/commands/verify.ts",
  "src/cli/program.ts",
  "src/conformance/api.ts",
  "src/conformance/run-conformance.ts",
  "src/contract/request-validation.ts",
  "src/mock/prism.ts",
  "src/mock/reference.ts",
];

function filesUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

describe("engine folders name no vendor", () => {
  it("only the pinned files still name one (the goal is none)", () => {
    const naming = ENGINE_FOLDERS.flatMap(filesUnder)
      .filter((file) => VENDOR.test(file) || VENDOR.test(readFileSync(path.join(root, file), "utf8")))
      .sort();
    expect(naming).toEqual([...STILL_NAMING_A_VENDOR].sort());
  });
});
