/**
 * Issue 18: docs people can find their way in. The README stays short; every page of docs/ is
 * reached from it by links; no relative link is dead (its file, and its #anchor among the target's
 * headings); no page names a path of the machine it was written on; every page says who it is
 * for; the CLI reference is what the commands' definitions print; and every page with commands
 * is run by a test that reads it (its TypeScript, JavaScript and YAML blocks: code-blocks.test.ts).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const pages = ["README.md", ...readdirSync("docs", { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".md")).map((name) => path.join("docs", name))];
const text = (page: string) => readFileSync(page, "utf8");

/** Relative link targets of a page, outside code: `[label](target)`. */
function links(page: string): string[] {
  const prose = text(page).replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/.test(target));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-");
const anchors = (page: string) => new Set([...text(page).replace(/```[\s\S]*?```/g, "").matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1]!)));

/** Every test file's text: what claims to run a page. */
const tests = readdirSync("test", { recursive: true, encoding: "utf8" })
  .filter((name) => /\.test\.ts$/.test(name))
  .map((name) => readFileSync(path.join("test", name), "utf8"));

describe("the documentation", () => {
  it("a README of at most 200 lines", () => {
    expect(text("README.md").split("\n").length).toBeLessThanOrEqual(200);
  });

  it("no dead relative link: each target exists, and each #anchor is a heading of it", () => {
    const dead: string[] = [];
    for (const page of pages) {
      for (const target of links(page)) {
        const [file = "", anchor] = target.split("#");
        const resolved = file === "" ? page : path.normalize(path.join(path.dirname(page), file));
        if (!existsSync(resolved)) dead.push(`${page} → ${target}`);
        else if (anchor && statSync(resolved).isFile() && resolved.endsWith(".md") && !anchors(resolved).has(anchor)) dead.push(`${page} → ${target} (no such heading)`);
      }
    }
    expect(dead).toEqual([]);
  });

  it("no page links to a file the package lacks: each target is in package.json's files", () => {
    const { files } = JSON.parse(readFileSync("package.json", "utf8")) as { files: string[] };
    const shipped = (target: string) => ["README.md", "package.json", "LICENSE"].includes(target) || files.some((entry) => target === entry || target.startsWith(`${entry}/`));
    const outside: string[] = [];
    for (const page of pages) {
      for (const target of links(page)) {
        const file = target.split("#")[0]!;
        if (file !== "" && !shipped(path.normalize(path.join(path.dirname(page), file)))) outside.push(`${page} → ${target}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("every page of docs/ is reached from the README by links", () => {
    const reached = new Set(["README.md"]);
    const queue = ["README.md"];
    while (queue.length > 0) {
      const page = queue.shift()!;
      for (const target of links(page)) {
        const resolved = path.normalize(path.join(path.dirname(page), target.split("#")[0]!));
        if (resolved.endsWith(".md") && existsSync(resolved) && !reached.has(resolved)) {
          reached.add(resolved);
          queue.push(resolved);
        }
      }
    }
    expect(pages.filter((page) => !reached.has(page))).toEqual([]);
  });

  it("no page names a path of the machine it was written on", () => {
    const machine = /(^|[\s(`"'])\/(work|tmp|root|home|Users)\//m;
    expect(pages.filter((page) => machine.test(text(page)))).toEqual([]);
  });

  it("every page of docs/ says who it is for", () => {
    expect(pages.filter((page) => page !== "README.md" && !/^\*\*Who this is for:\*\* /m.test(text(page)))).toEqual([]);
  });

  it("docs/reference/cli.md is what the commands' definitions print", () => {
    // Exits 1, naming the fix, when the page differs.
    expect(() => execFileSync(process.execPath, ["scripts/cli-reference.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("every code block says what it is: sh (run by the page's test), ts, js or yaml (run by code-blocks.test.ts), or text (output shown)", () => {
    const untold = pages.flatMap((page) => {
      const openings = [...text(page).matchAll(/^```(.*)\n[\s\S]*?^```$/gm)].map((match) => match[1]!);
      return openings.filter((language) => !["sh", "ts", "js", "yaml", "text"].includes(language)).map((language) => `${page}: \`\`\`${language}`);
    });
    expect(untold).toEqual([]);
  });

  it("every page whose commands a reader is told to run is run by a test that reads it", () => {
    const runnable = pages.filter((page) => /```sh\n/.test(text(page)));
    expect(runnable.filter((page) => !tests.some((test) => test.includes(`"${page}"`)))).toEqual([]);
  });
});
