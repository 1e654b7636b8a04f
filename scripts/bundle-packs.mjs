// Part of `npm run build` (after bundle-contracts): for each built-in API the in-page mock offers
// (src/apis/page-references.ts), one ES module holding its contract (as written and dereferenced),
// every validator the build precompiled for it, and its shipped fixture files (the JSON the
// reference reads, and the TEST-ONLY key files they name, as text). esbuild turns the validators'
// CommonJS into plain ESM, so a page's bundler takes the module as is. Written to
// src/generated/packs/ (for tests run from the sources) and dist/generated/packs/.
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { PAGE_REFERENCES } from "../dist/apis/page-references.js";
import { BUILTIN_PLUGINS } from "../dist/apis/plugins.js";
import { loadContract } from "../dist/contract/index.js";
import { folderFixtures } from "../dist/reference/fixture-files.js";

const root = path.resolve(import.meta.dirname, "..");
const entries = path.join(root, "dist", "pack-entries");
await rm(entries, { recursive: true, force: true });
await mkdir(entries, { recursive: true });

/** The fixture files an API's reference reads as it starts, recorded while it starts from its folder. */
async function shippedFixtures(page, plugin, contract) {
  const folder = folderFixtures(plugin.fixturesDir);
  const files = {};
  const texts = [];
  const recording = {
    read: (name) => (files[name] = folder.read(name)),
    pathOf: (name) => (texts.push(name), folder.pathOf(name)),
  };
  page.start(contract, recording, { now: Date.now, settings: {} });
  for (const name of texts) files[name] = await readFile(folder.pathOf(name), "utf8");
  return files;
}

for (const page of Object.values(PAGE_REFERENCES)) {
  const plugin = BUILTIN_PLUGINS.find((candidate) => candidate.name === page.name);
  const text = await readFile(plugin.contractFile, "utf8");
  const hash = createHash("sha256").update(text).digest("hex");
  const contract = await loadContract(plugin.contractFile);
  if (!contract.prebuilt) throw new Error(`${plugin.contractFile}: no precompiled validators to pack`);
  const dir = path.join(root, "dist", "contracts", hash);
  const counts = JSON.parse(await readFile(path.join(dir, "fingerprints.json"), "utf8"));
  const validators = (prefix, n) => Array.from({ length: n }, (_, i) => `require(${JSON.stringify(path.join(dir, `${prefix}${i}.cjs`))}).validate`);
  const entry = path.join(entries, `${page.name}.cjs`);
  await writeFile(
    entry,
    `module.exports = {
  file: ${JSON.stringify(path.relative(root, plugin.contractFile))},
  source: require(${JSON.stringify(path.join(root, "dist", "contracts", `${hash}.json`))}),
  graph: require(${JSON.stringify(path.join(dir, "document.json"))}),
  plain: [${validators("p", counts.plain.length).join(", ")}],
  coerced: [${validators("c", counts.coerced.length).join(", ")}],
  fixtures: ${JSON.stringify(await shippedFixtures(page, plugin, contract))},
};\n`,
  );
  const out = path.join(root, "src", "generated", "packs", `${page.name}.js`);
  await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "browser", outfile: out, minify: true, logLevel: "warning", legalComments: "none" });
  const distDir = path.join(root, "dist", "generated", "packs");
  await mkdir(distDir, { recursive: true });
  await copyFile(out, path.join(distDir, `${page.name}.js`));
  await copyFile(path.join(root, "src", "generated", "packs", `${page.name}.d.ts`), path.join(distDir, `${page.name}.d.ts`));
  console.log(`${path.relative(root, plugin.contractFile)}: packed for pages (${counts.plain.length + counts.coerced.length} validators)`);
}
await rm(entries, { recursive: true, force: true });
