// npm's `prepare` lifecycle: builds dist/ so that `npm pack` and a git install ship it.
// The repository's own `npm ci` skips it: `npm test` and `npm start` build anyway, and a second
// 20-second build would only slow CI. A git install runs this from npm's temporary clone, whose
// folder is never the one npm was started in, so it always builds. The build's output goes to
// stderr, so that `npm pack --json` still prints only JSON on stdout.
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = realpathSync(fileURLToPath(new URL("..", import.meta.url)));
const startedHere = process.env.INIT_CWD !== undefined && realpathSync(process.env.INIT_CWD) === root;

if (process.env.npm_command === "ci" && startedHere) {
  console.error("prepare: dist/ not built by npm ci here — npm test and npm start build it");
} else {
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build", "--silent"], { cwd: root, stdio: ["ignore", 2, 2], shell: process.platform === "win32" });
}
