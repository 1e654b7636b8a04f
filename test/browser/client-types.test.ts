import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// A page's TypeScript: the DOM library, no @types/node, and the declarations checked (no
// skipLibCheck). archive-kit/client's types must stand on that alone, and take a real CryptoKey.

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsc = path.join(root, "node_modules", ".bin", "tsc");
const work = mkdtempSync(path.join(tmpdir(), "archive-kit-page-types-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function typecheck(source: string): Promise<string> {
  writeFileSync(path.join(work, "page.ts"), source);
  const compilerOptions = { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022", "DOM"], types: [], strict: true, noEmit: true, skipLibCheck: false };
  writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["page.ts"] }));
  return new Promise((resolve) => execFile(tsc, ["-p", work], (_error, stdout) => resolve(stdout)));
}

const CLIENT = JSON.stringify(path.join(root, "dist", "client.js"));

describe("archive-kit/client's types in a page", () => {
  it("check with the DOM library alone: the clients, the generated paths, and createWebCryptoSigner taking a CryptoKey", async () => {
    const output = await typecheck(`import { createDfnsClient, createIntercomClient, createWebCryptoSigner, type IntercomPaths } from ${CLIENT};
const key = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
const signer = createWebCryptoSigner({ credId: "cred", privateKey: key.privateKey });
const dfns = createDfnsClient({ baseUrl: "https://api.dfns.io", token: "token", signer });
await dfns.DELETE("/auth/users/{userId}", { params: { path: { userId: "us-1" } } });
const intercom = createIntercomClient({ baseUrl: "https://api.intercom.io", token: "token" });
await intercom.DELETE("/users/{id}", { params: { path: { id: "1" } } });
export const path: keyof IntercomPaths = "/users";
`);
    expect(output).toBe("");
  });

  it("the check can fail: a path the contract lacks is a type error", async () => {
    const output = await typecheck(`import { createIntercomClient } from ${CLIENT};
await createIntercomClient({ baseUrl: "https://api.intercom.io", token: "token" }).DELETE("/contacts/{id}", { params: { path: { id: "1" } } });
`);
    expect(output).toMatch(/page\.ts\(2,\d+\): error TS/);
  });
});
