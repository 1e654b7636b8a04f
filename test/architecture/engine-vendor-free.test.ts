/**
 * The engine never names a vendor: what is specific to one API lives in its plugin (src/apis/<api>/),
 * and the engine learns it through the ApiPlugin interface (issue 9, item 1).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const ENGINE_FOLDERS = ["src/contract", "src/conformance", "src/checks", "src/reporters", "src/reference", "src/mock", "src/cli", "src/fuzz", "src/proxy"];
const VENDOR = /intercom|dfns/i;

function filesUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

describe("engine folders name no vendor", () => {
  it("no engine file names a vendor, in its path or its text", () => {
    const naming = ENGINE_FOLDERS.flatMap(filesUnder)
      .filter((file) => VENDOR.test(file) || VENDOR.test(readFileSync(path.join(root, file), "utf8")))
      .sort();
    expect(naming).toEqual([]);
  });
});
