// `npm run bench:bundle`: what a page pays for archive-kit's browser entries. Each row bundles one
// entry with esbuild (--bundle --platform=browser --format=esm --minify, every dependency inside),
// the way a frontend's bundler would, and weighs the output minified and gzipped. Beside ours: what
// they are made of alone (openapi-fetch for the typed clients, MSW's own setupWorker and http for
// the in-page mock), on the same esbuild, in the same run.
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { recordResults } from "./record.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function weigh(label, contents) {
  const result = await build({ stdin: { contents, resolveDir: root, loader: "js" }, bundle: true, platform: "browser", format: "esm", minify: true, write: false, logLevel: "silent" });
  if (result.errors.length > 0) throw new Error(`${label}: ${result.errors[0].text}`);
  const code = result.outputFiles[0].contents;
  return { label, contents, min: code.length, gzip: gzipSync(code).length };
}

const rows = [
  await weigh("archive-kit/client (both typed clients, the WebCrypto signer)", 'export * from "./dist/client.js";'),
  await weigh("openapi-fetch alone", 'export { default } from "openapi-fetch";'),
  await weigh("archive-kit/msw (engine, both contracts and validators, MSW's http)", 'export * from "./dist/msw.js";'),
  await weigh("MSW alone (setupWorker and http)", 'export { setupWorker } from "msw/browser"; export { http } from "msw";'),
  await weigh("archive-kit/msw and MSW's setupWorker, as a page uses them", 'export * from "./dist/msw.js"; export { setupWorker } from "msw/browser";'),
];

const table = [
  "| bundle | entry | minified | min+gzip |",
  "| --- | --- | --- | --- |",
  ...rows.map((row) => `| ${row.label} | \`${row.contents}\` | ${kib(row.min)} | ${kib(row.gzip)} |`),
].join("\n");
await recordResults("bundle-size", {
  command: "npm run bench:bundle",
  setup: "esbuild (the pinned devDependency), `--bundle --platform=browser --format=esm --minify` of each entry with every dependency inside; gzip at zlib's default level. The client's budget is 15 kB min+gzip (issue 15).",
  table,
});
console.log(table);
