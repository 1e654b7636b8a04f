// `npm run bench:install`: what a user installs. A fresh clone of HEAD runs `npm ci` and
// `npm pack` (whose `prepare` builds dist/); the tarball goes into an empty project, once alone
// (npm leaves the optional peer Prism out) and once with Prism added as the README says; then the
// same commit is installed from its git URL.
// Size = `du -sk node_modules`; packages = the installed tree's entries in node_modules/.package-lock.json.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { recordResults } from "./record.mjs";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const quiet = ["--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline"];
const sh = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const work = mkdtempSync(path.join(tmpdir(), "archive-kit-install-"));

try {
  const commit = sh("git", ["rev-parse", "--short", "HEAD"], root).trim();
  const clone = path.join(work, "clone");
  sh("git", ["clone", "--quiet", root, clone], work);
  sh("npm", ["ci", ...quiet], clone);
  const [packed] = JSON.parse(sh("npm", ["pack", "--json", "--pack-destination", work, "--loglevel=error"], clone));
  const shipped = packed.files.map((file) => file.path);
  for (const needed of ["dist/cli/main.js", "dist/index.d.ts", "dist/vitest.d.ts"]) {
    if (!shipped.includes(needed)) throw new Error(`the tarball lacks ${needed}: the prepare build did not run`);
  }
  const prism = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).devDependencies["@stoplight/prism-cli"];

  const tarball = path.join(work, packed.filename);
  const measure = (label, source, extra) => {
    const project = path.join(work, label.replace(/\W+/g, "-"));
    sh("mkdir", ["-p", project], work);
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    sh("npm", ["install", ...quiet, source, ...extra], project);
    const kib = Number(sh("du", ["-sk", "node_modules"], project).split("\t")[0]);
    const tree = JSON.parse(readFileSync(path.join(project, "node_modules", ".package-lock.json"), "utf8"));
    const packages = Object.keys(tree.packages).filter((key) => key.startsWith("node_modules/")).length;
    const version = sh(path.join(project, "node_modules", ".bin", "archive-kit"), ["--version"], project).trim();
    const built = sh("ls", ["node_modules/archive-kit/dist/cli"], project).includes("main.js");
    return { label, source, extra, kib, packages, version, built };
  };
  const gitUrl = `git+file://${root}#${commit}`;
  const rows = [
    measure("tarball, alone", tarball, []),
    measure("tarball + Prism", tarball, [`@stoplight/prism-cli@${prism}`]),
    measure("git URL, alone", gitUrl, []),
  ];
  const [alone, withPrism] = rows;
  if (rows.some((row) => row.version !== alone.version || !row.built)) throw new Error("an install lacks dist/ or prints another version");

  const mb = (kib) => `${(kib / 1024).toFixed(1)} MB`;
  await recordResults("install", {
    command: "npm run bench:install",
    setup: [
      `Commit ${commit}, cloned afresh; \`npm ci\`, then \`npm pack\` (its \`prepare\` builds dist/): ${packed.filename}, ${(packed.size / 1024).toFixed(0)} KiB packed, ${packed.entryCount} files, dist/cli/main.js among them.`,
      `Each row: an empty project (\`{"type":"module"}\`), the command below with \`--prefer-offline\`, then \`du -sk node_modules\` and the entries of node_modules/.package-lock.json (archive-kit included). \`node_modules/.bin/archive-kit --version\` (what \`npx archive-kit\` runs) printed ${alone.version} in each. The git URL row is a git install of the same commit: npm clones it, installs its dev dependencies and runs \`prepare\` there.`,
    ].join(" "),
    table: [
      "| install | command | node_modules | packages | dist/cli/main.js installed |",
      "| --- | --- | --- | --- | --- |",
      ...rows.map((row) => {
        const source = row.source === tarball ? "<tarball>" : row.source.replace(root, "<repo>");
        return `| ${row.label} | \`npm install ${[source, ...row.extra].join(" ")}\` | ${mb(row.kib)} | ${row.packages} | ${row.built ? "yes" : "no"} |`;
      }),
      "",
      `Without Prism the install is ${((alone.kib / withPrism.kib) * 100).toFixed(0)}% of the size (${(withPrism.kib / alone.kib).toFixed(1)}× smaller) and ${alone.packages} of ${withPrism.packages} packages; with Prism it is what every install weighed while Prism was a dependency.`,
    ].join("\n"),
  });
  console.log(rows.map((row) => `${row.label}: ${mb(row.kib)}, ${row.packages} packages`).join("\n"));
} finally {
  rmSync(work, { recursive: true, force: true });
}
