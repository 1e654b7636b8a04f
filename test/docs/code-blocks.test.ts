/**
 * Issue 18: every code block of the docs that is not a shell command — TypeScript, JavaScript,
 * YAML — is run here, as written, in the place it is written for: Node, a page in Chromium, MSW's
 * service worker, a Playwright suite, vitest, a case file, a CI job. A block is changed only where
 * it names a place the test cannot be (the vendor's base URL becomes a reference server's, a
 * default port a free one) or invites the reader's own code (`// … your code …` becomes a probe
 * that reports what the block made). The first test fails on a block no runner claims.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { load as parseYaml } from "js-yaml";
import { startReferenceServer, type ReferenceServer } from "../../src/wiring.js";
import { buildMswApp } from "../browser/build-msw-app.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from "../browser/chromium.js";
import { startStaticServer } from "../browser/static-server.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(import.meta.url);
const RUN = new Set(["ts", "js", "yaml"]);
/** Starting servers, browsers and builds on a loaded machine: generous, not a measurement. */
const SLOW_TEST_MS = 240_000;

interface Block {
  key: string;
  code: string;
}

/** The blocks to run, keyed `<page> <lang> #<n>` (n counts a page's blocks of that language). */
function codeBlocks(): Block[] {
  const pages = ["README.md", ...readdirSync(path.join(root, "docs"), { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".md")).map((name) => path.join("docs", name))];
  return pages.flatMap((page) => {
    const counts = new Map<string, number>();
    return [...readFileSync(path.join(root, page), "utf8").matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)]
      .filter((match) => RUN.has(match[1]!))
      .map((match) => {
        const n = (counts.get(match[1]!) ?? 0) + 1;
        counts.set(match[1]!, n);
        return { key: `${page} ${match[1]} #${n}`, code: match[2]! };
      });
  });
}

const blocks = new Map(codeBlocks().map((block) => [block.key, block.code]));
const block = (key: string): string => {
  const code = blocks.get(key);
  if (code === undefined) throw new Error(`no block ${key}: the page changed, so its runner must too`);
  return code;
};

/** Replaces `from` (which the block must contain) with `to`. */
function swap(code: string, from: string | RegExp, to: string): string {
  expect(code).toMatch(from);
  return typeof from === "string" ? code.replaceAll(from, to) : code.replace(from, to);
}

// Inside the repository, so that `import … from "archive-kit"` resolves to this package itself.
const work = mkdtempSync(path.join(root, ".docs-run-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let made = 0;
const folder = () => {
  const dir = path.join(work, String(++made));
  mkdirSync(dir);
  return dir;
};

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd ?? root, env: { ...process.env, NO_COLOR: "1", ...options.env }, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs TypeScript or JavaScript as an ES module in Node (types stripped by esbuild). */
async function runInNode(code: string, env: Record<string, string> = {}): Promise<Ran> {
  const file = path.join(folder(), "block.mjs");
  writeFileSync(file, (await transform(code, { loader: "ts", format: "esm" })).code);
  return run(process.execPath, [file], { env });
}

/** The last line a block's probe printed, as JSON; a block that failed fails here with its stderr. */
function probed(ran: Ran): any {
  expect(ran.stderr).not.toMatch(/Error/);
  expect(ran.code).toBe(0);
  return JSON.parse(ran.stdout.trim().split("\n").at(-1)!);
}

async function withReferences<T>(body: (intercom: ReferenceServer, dfns: ReferenceServer) => Promise<T>): Promise<T> {
  const [intercom, dfns] = await Promise.all([startReferenceServer({ api: "intercom" }), startReferenceServer({ api: "dfns" })]);
  try {
    return await body(intercom, dfns);
  } finally {
    await Promise.all([intercom.close(), dfns.close()]);
  }
}

const hostOf = (url: string) => new URL(url).host;
const DFNS_ARCHIVABLE = "us-2mhcm-9r90a-92ran47bjpl60hmv";
/** The user the MSW page block archives. */
const MSW_PAGE_USER = "us-3mp1y-00001-0a1b2c3d4e5f6g7h";

const runners: Record<string, () => Promise<void>> = {
  "docs/reference/case-format.md yaml #1": async () => {
    // The expect block on a case of an invalid token: it passes the reference; the value it marks
    // "fails when different" fails when changed, the example it marks "warns" only warns.
    const expectBlock = parseYaml(block("docs/reference/case-format.md yaml #1")) as any;
    const caseWith = (expectation: unknown) => ({
      id: "docs/case-format-expect",
      title: "The case format page's expect block",
      source: "docs/reference/case-format.md",
      tags: ["auth"],
      operation: "archiveUserByQuery",
      request: { method: "DELETE", path: "/users?user_id=25", auth: "invalid" },
      expect: expectation,
    });
    const verifyCase = async (expectation: unknown) => {
      const dir = folder();
      writeFileSync(path.join(dir, "case.yaml"), JSON.stringify(caseWith(expectation)));
      const ran = await run(process.execPath, ["dist/cli/main.js", "verify", "--api", "intercom", "--cases", dir]);
      expect(ran.stderr).toBe("");
      return ran;
    };
    const asWritten = await verifyCase(expectBlock.expect);
    expect(asWritten.stdout).toContain("1 passed, 0 failed");
    expect(asWritten.stdout).not.toMatch(/⚠/);
    const wrongCode = structuredClone(expectBlock.expect);
    wrongCode.values.errors[0].code = "not_found";
    const failed = await verifyCase(wrongCode);
    expect(failed.stdout).toMatch(/✗ .*\/errors\/0\/code/);
    expect(failed.code).toBe(1);
    const otherWording = structuredClone(expectBlock.expect);
    otherWording.examples.values.errors[0].message = "Some other wording";
    const warned = await verifyCase(otherWording);
    expect(warned.stdout).toMatch(/⚠ .*\/errors\/0\/message/);
    expect(warned.code).toBe(0);
  },

  "docs/how-to/find-what-the-cases-miss.md yaml #1": async () => {
    // The CI job: each shard's fuzz step (after `npm ci && npm run build`, done here already), with a
    // smaller --max-examples; the three shards together run each property of the unsharded run once.
    const job = (parseYaml(block("docs/how-to/find-what-the-cases-miss.md yaml #1")) as any).jobs.fuzz;
    const fuzzStep: string = job.steps.at(-1).run;
    const shards: number[] = job.strategy.matrix.shard;
    const command = (shard: string) => swap(fuzzStep, "${{ matrix.shard }}/3", shard).replace(/^node /, "").split(" ").concat("--max-examples", "3");
    const caseLines = (ran: Ran) => ran.stdout.split("\n").filter((line) => /^\s+[✓✗] /.test(line)).map((line) => line.trim().split(/\s+/)[1]!);
    const [whole, ...parts] = await Promise.all([run(process.execPath, command("1/1")), ...shards.map((shard) => run(process.execPath, command(`${shard}/${shards.length}`)))]);
    for (const ran of [whole!, ...parts]) {
      expect(ran.stderr).toBe("");
      expect(ran.code).toBe(0);
    }
    const sharded = parts.flatMap(caseLines);
    expect(parts.every((part) => caseLines(part).length > 0)).toBe(true);
    expect(sharded.sort()).toEqual(caseLines(whole!).sort());
  },

  "docs/reference/library-api.md ts #1": () =>
    withReferences(async (intercom, dfns) => {
      let code = swap(block("docs/reference/library-api.md ts #1"), "https://api.intercom.io", intercom.url);
      code = swap(code, "https://api.dfns.io", dfns.url);
      code = swap(code, `"us-…"`, `"${DFNS_ARCHIVABLE}"`);
      const ran = await runInNode(`${code}\nconsole.log(JSON.stringify({ archived, user, error }));`, {
        INTERCOM_TOKEN: intercom.credentials.token!,
        DFNS_TOKEN: dfns.credentials.token!,
        DFNS_CREDENTIAL_ID: dfns.credentials.credentialId!,
        DFNS_PRIVATE_KEY: readFileSync(path.join(root, dfns.credentials.privateKeyFile!), "utf8"),
      });
      const { archived, user, error } = probed(ran);
      expect(archived).toMatchObject({ type: "user", user_id: "25" });
      expect(user).toMatchObject({ userId: DFNS_ARCHIVABLE, isActive: false });
      expect(error).toBeUndefined();
    }),

  "docs/reference/library-api.md ts #2": async () => {
    const ran = await runInNode(`${block("docs/reference/library-api.md ts #2")}\nconsole.log(JSON.stringify({ checked: check({ isActive: "false" }), examples: validateExamples(contract) }));`);
    const { checked, examples } = probed(ran);
    expect(checked.valid).toBe(false);
    expect(checked.issues).toContainEqual(expect.objectContaining({ pointer: "/isActive", message: "must be boolean" }));
    expect(examples.failures).toEqual([]);
    expect(examples.total).toBeGreaterThan(0);
  },

  "docs/reference/plugin-api.md js #1": async () => {
    // The skeleton with each `…` left empty has every member a plugin must have, of the right kind.
    const skeleton = block("docs/reference/plugin-api.md js #1").replaceAll("{ … }", "{}").replaceAll("[ … ]", "[]");
    expect(skeleton).not.toContain("…");
    const dir = folder();
    writeFileSync(path.join(dir, "plugin.mjs"), skeleton);
    const ran = await runInNode(`import { pluginProblems } from "archive-kit";\nconst plugin = (await import(${JSON.stringify(path.join(dir, "plugin.mjs"))})).default;\nconsole.log(JSON.stringify(pluginProblems(plugin)));`);
    expect(probed(ran)).toEqual([]);
  },

  "docs/tutorials/mock-for-a-frontend.md js #1": async () => {
    // In a page of another origin than the stateful mock's.
    const mock = await startReferenceServer({ api: "intercom" });
    const page = startBlankPage();
    const browser = await launchChromium();
    try {
      await browser.page.goto((await page).origin);
      const code = swap(block("docs/tutorials/mock-for-a-frontend.md js #1"), "127.0.0.1:4010", hostOf(mock.url));
      const seen = await browser.page.evaluate(async (body) => {
        const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
        return new AsyncFunction(`${body}\nreturn { status: response.status, user, remaining };`)();
      }, code);
      expect(seen.status).toBe(200);
      expect(seen.user).toMatchObject({ type: "user", user_id: "25" });
      expect(seen.remaining).toMatch(/^\d+$/);
    } finally {
      await Promise.all([browser.close(), mock.close(), (await page).close()]);
    }
  },

  "docs/tutorials/mock-for-a-frontend.md ts #1": async () => {
    // The Playwright suite, by Playwright's own runner and Debian's Chromium, against an app with a
    // user page and an Archive button (test/docs/users-app/) in place of the reader's.
    const mock = await startReferenceServer({ api: "intercom" });
    const app = await startUsersApp(mock.url);
    try {
      const dir = folder();
      let suite = swap(block("docs/tutorials/mock-for-a-frontend.md ts #1"), "127.0.0.1:4010", hostOf(mock.url));
      suite = swap(suite, "http://localhost:5173", app.origin);
      writeFileSync(path.join(dir, "docs.spec.ts"), suite);
      // Playwright's waits as generous as the suite's (a page under four times a machine's load); no retries.
      writeFileSync(
        path.join(dir, "playwright.config.mjs"),
        `export default { testDir: ".", outputDir: "./results", workers: 1, retries: 0, timeout: 180000, expect: { timeout: 60000 }, reporter: "line", use: { headless: true, launchOptions: { executablePath: ${JSON.stringify(CHROMIUM_PATH)}, args: ${JSON.stringify(CHROMIUM_ARGS)} } } };\n`,
      );
      const ran = await run(process.execPath, [require.resolve("@playwright/test/cli"), "test", "--config", path.join(dir, "playwright.config.mjs")], { cwd: dir });
      expect(ran.stdout).toMatch(/3 passed/);
      expect(ran.code).toBe(0);
    } finally {
      await Promise.all([app.close(), mock.close()]);
    }
  },

  "docs/tutorials/mock-for-a-frontend.md ts #2": async () => {
    const code = swap(block("docs/tutorials/mock-for-a-frontend.md ts #2"), /^\/\/ … point your code at .*$/m, PROBE_BOTH_MOCKS);
    const { intercomStatus, prismStatus } = probed(await runInNode(code));
    expect(intercomStatus).toBe(200);
    expect(prismStatus).toBe(401);
  },

  "docs/tutorials/mock-for-a-frontend.md ts #3": async () => {
    const code = swap(block("docs/tutorials/mock-for-a-frontend.md ts #3"), /^\/\/ … run the code under test.*$/m, PROBE_MSW_NODE);
    const { seeded, archive, sent, afterReset } = probed(await runInNode(`${code}\n${AFTER_MSW_NODE}`));
    expect(seeded).toMatchObject({ status: 200, email: "ann@example.com" });
    expect(archive).toBe(429);
    expect(sent).toEqual(["GET /users?user_id=42", expect.stringMatching(/^DELETE \/users\/\w+$/)]);
    expect(afterReset).toBe(404);
  },

  "docs/tutorials/mock-for-a-frontend.md ts #4": async () => {
    // Built by Vite into a page on its own origin, its mocks behind MSW's real service worker; the
    // archive's answer is kept for the test to read, then the page is reloaded: the state persists.
    const dir = folder();
    let code = swap(block("docs/tutorials/mock-for-a-frontend.md ts #4"), "await client.DELETE(", "const archived = await client.DELETE(");
    // What the mock started from (its fixtures, or the state a reload restored), before the archive.
    code = swap(code, /^const dfns = await createMockApi\(.*$/m, `$&\nconst startedActive = (dfns.state() as any).users.find((entry: any) => entry.user.userId === "${MSW_PAGE_USER}").user.isActive;`);
    writeFileSync(path.join(dir, "main.ts"), `${code}\nObject.assign(globalThis, { seen: { startedActive, status: archived.response.status, isActive: archived.data?.isActive } });\n`);
    writeFileSync(path.join(dir, "index.html"), `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="./main.ts"></script></head><body></body></html>`);
    const out = await buildMswApp(dir, path.join(dir, "build"));
    const [site, browser] = await Promise.all([startStaticServer(new URL(`file://${out}/`)), launchChromium()]);
    try {
      const page = browser.page;
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${site.origin}/index.html`);
      const seen = async () => {
        await page.waitForFunction(() => "seen" in globalThis, undefined, { timeout: 120_000 });
        return page.evaluate(() => (globalThis as any).seen);
      };
      expect(await seen()).toEqual({ startedActive: true, status: 200, isActive: false });
      await page.reload();
      expect((await seen()).startedActive).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await Promise.all([site.close(), browser.close()]);
    }
  },

  "docs/tutorials/verify-your-implementation.md js #1": () =>
    withReferences(async (intercom) => {
      // The file in a vitest project with examples/vitest's config, against a stateful reference.
      const dir = folder();
      writeFileSync(path.join(dir, "conformance.test.mjs"), block("docs/tutorials/verify-your-implementation.md js #1"));
      copyFileSync(path.join(root, "examples/vitest/vitest.config.mjs"), path.join(dir, "vitest.config.mjs"));
      const ran = await run(process.execPath, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--root", dir], {
        env: { INTERCOM_URL: intercom.url, INTERCOM_TOKEN: intercom.credentials.token! },
      });
      expect(ran.stdout).toMatch(/Tests\s+\d+ passed/);
      expect(ran.code).toBe(0);
    }),
};

/** Put where the block says "point your code at intercom.url / prism.url": one request to each. */
const PROBE_BOTH_MOCKS = `const intercomStatus = (await fetch(\`\${intercom.url}/users?user_id=25\`, { headers: { Authorization: \`Bearer \${intercom.credentials.token}\`, Accept: "application/json" } })).status;
const prismStatus = (await fetch(\`\${prism.url}/auth/users\`)).status;
console.log(JSON.stringify({ intercomStatus, prismStatus }));`;

/** Put where the block says "run the code under test": the app's calls at the vendor's base URL, then what the mock saw. */
const PROBE_MSW_NODE = `const headers = { Authorization: \`Bearer \${intercom.credentials.token}\`, Accept: "application/json" };
const found = await fetch("https://api.intercom.io/users?user_id=42", { headers });
const seededUser = await found.json();
const archive = (await fetch(\`https://api.intercom.io/users/\${seededUser.id}\`, { method: "DELETE", headers })).status;
const sent = intercom.requests().map((entry) => \`\${entry.method} \${entry.target}\`);
const probe = { seeded: { status: found.status, email: seededUser.email }, archive, sent };`;

/** After the MSW block: its reset took the seeded user away. */
const AFTER_MSW_NODE = `probe.afterReset = (await fetch("https://api.intercom.io/users?user_id=42", { headers })).status;
console.log(JSON.stringify(probe));
server.close();`;

/** A page with nothing in it, on an origin of its own. */
async function startBlankPage(): Promise<{ origin: string; close(): Promise<void> }> {
  return serve(() => ({ type: "text/html; charset=utf-8", body: "<!doctype html><title>blank</title>" }));
}

/** test/docs/users-app/, its page at every /users path and its script at /app.js, calling Intercom at `intercomUrl`. */
function startUsersApp(intercomUrl: string): Promise<{ origin: string; close(): Promise<void> }> {
  const page = readFileSync(new URL("./users-app/index.html", import.meta.url), "utf8").replace("{{INTERCOM_URL}}", intercomUrl);
  const script = readFileSync(new URL("./users-app/app.js", import.meta.url), "utf8");
  return serve((pathname) =>
    pathname === "/app.js" ? { type: "text/javascript; charset=utf-8", body: script } : pathname.startsWith("/users") ? { type: "text/html; charset=utf-8", body: page } : undefined,
  );
}

async function serve(answer: (pathname: string) => { type: string; body: string } | undefined): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const found = answer(new URL(request.url ?? "/", "http://page").pathname);
    if (!found) response.writeHead(404).end();
    else response.writeHead(200, { "content-type": found.type, "cache-control": "no-store" }).end(found.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe("the docs' code blocks", () => {
  it("each TypeScript, JavaScript and YAML block of README.md and docs/ has a runner here, and each runner a block", () => {
    expect([...blocks.keys()].sort()).toEqual(Object.keys(runners).sort());
  });

  describe.concurrent("run as written", () => {
    it.each(Object.keys(runners))("%s", (key) => runners[key]!(), SLOW_TEST_MS);
  });
});
