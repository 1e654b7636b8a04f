// Part of `npm run build` (last): bundles the CLI that tsc compiled (dist/cli/main.js and what it
// imports) into dist/cli/main.js and a few chunks in dist/cli/chunks/, one per group of modules a
// command loads together; each command still loads only its own chunks (its dynamic imports).
// Node's ES module loader spends about 1.5 ms on each of the ~80 modules `mock` would load
// otherwise. The library entry (dist/index.js) is left as tsc wrote it. Modules whose identity a
// plugin shares with the CLI (error classes it throws, the package root) stay outside the bundle,
// imported from dist/ by both. Source maps name every module each chunk holds.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const SHARED = ["errors.js", "package-root.js", "conformance/api.js", "conformance/template.js", "conformance/request.js"].map((file) => path.join(dist, file));

const entry = path.join(dist, "cli", "main.js");
// Bundling replaces tsc's entry: a second run without tsc before it has nothing to bundle.
if ((await readFile(entry, "utf8")).includes("./chunks/")) {
  console.log("dist/cli/main.js: already bundled (npm run build compiles and bundles again)");
  process.exit(0);
}
await rm(path.join(dist, "cli", "chunks"), { recursive: true, force: true });
await build({
  input: { main: entry },
  platform: "node",
  logLevel: "warn",
  external: (id, importer) => {
    if (!id.startsWith(".") && !path.isAbsolute(id)) return true;
    return SHARED.includes(importer ? path.resolve(path.dirname(importer), id) : id);
  },
  output: { dir: path.join(dist, "cli"), format: "esm", entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js", sourcemap: true },
});
console.log("dist/cli/main.js: bundled");
