import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Builds the Vite app in `appDir` into `work/out` from the built package (archive-kit/client,
 * archive-kit/msw), with the installed msw's worker script in its public folder, as
 * `npx msw init public/` would copy it. Returns the folder to serve.
 */
export async function buildMswApp(appDir: string, work: string): Promise<string> {
  const publicDir = path.join(work, "public");
  mkdirSync(publicDir, { recursive: true });
  copyFileSync(path.join(path.dirname(require.resolve("msw/package.json")), "lib", "mockServiceWorker.js"), path.join(publicDir, "mockServiceWorker.js"));
  const outDir = path.join(work, "out");
  await build({
    root: appDir,
    configFile: false,
    logLevel: "error",
    publicDir,
    resolve: {
      alias: {
        "archive-kit/client": path.join(root, "dist", "client.js"),
        "archive-kit/msw": path.join(root, "dist", "msw.js"),
      },
    },
    build: { outDir, emptyOutDir: true, target: "es2022" },
  });
  return outDir;
}
