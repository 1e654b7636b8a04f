import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

// What a frontend's bundler does with the built package (issue 15): esbuild with
// --bundle --platform=browser takes archive-kit/client and archive-kit/msw with no error, and
// neither reaches a node:* module or Node's Buffer. bench/bundle-size.mjs records the sizes.

const entry = (name: string) => fileURLToPath(new URL(`../../dist/${name}.js`, import.meta.url));

async function bundleForBrowser(name: string) {
  const result = await build({ entryPoints: [entry(name)], bundle: true, platform: "browser", format: "esm", minify: true, write: false, metafile: true, logLevel: "silent" });
  const code = result.outputFiles[0]!.text;
  return { result, code, gzipped: gzipSync(code).length };
}

/** Every node:* (or bare Node built-in) module the bundle's inputs import. */
function nodeImports(metafile: Metafile): string[] {
  return Object.values(metafile.inputs).flatMap((input) => input.imports.map((imported) => imported.path).filter((path) => /^node:|^(fs|path|crypto|module|url|http|net|os|util)$/.test(path)));
}

describe("the browser bundles", () => {
  it("archive-kit/client bundles with no error or warning, imports no node:* module, uses no Buffer, and is at most 15 kB min+gzip", async () => {
    const { result, code, gzipped } = await bundleForBrowser("client");
    expect([result.errors, result.warnings]).toEqual([[], []]);
    expect(nodeImports(result.metafile!)).toEqual([]);
    expect(code).not.toMatch(/\bBuffer\b/);
    expect(gzipped).toBeLessThanOrEqual(15_000);
  });

  it("archive-kit/msw (both APIs' reference engine and contracts) bundles with no error or warning and imports no node:* module", async () => {
    const { result, code } = await bundleForBrowser("msw");
    expect([result.errors, result.warnings]).toEqual([[], []]);
    expect(nodeImports(result.metafile!)).toEqual([]);
    expect(code).not.toMatch(/\bBuffer\.(from|byteLength|concat|alloc)\b/);
    // The packs are in: both contracts' validators are bundled, not loaded from files.
    expect(Object.keys(result.metafile!.inputs).filter((input) => input.includes("generated/packs/"))).toHaveLength(2);
  });

  it("the check can fail: the Node entry does reach node:* modules", async () => {
    const result = await build({ entryPoints: [entry("index")], bundle: true, platform: "browser", format: "esm", write: false, metafile: true, logLevel: "silent" }).catch((error: { errors: Array<{ text: string }> }) => error);
    expect("errors" in result && result.errors.some((error) => /node:/.test(error.text))).toBe(true);
  });
});
