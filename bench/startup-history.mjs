// The start-up section of bench/RESULTS.md is a history: each run of bench/mocks.mjs adds a row and
// keeps the earlier ones, so that a start-up figure is always read beside the ones before it.
import { readFile, writeFile } from "node:fs/promises";

const file = new URL("RESULTS.md", import.meta.url);
const START = "<!-- startup:start -->";
const END = "<!-- startup:end -->";

const SECTION = [
  START,
  "## start-up",
  "",
  "Added to by `npm run bench:mocks`, one row per build measured; earlier rows are kept. Ready = spawn of `archive-kit mock <api> --stateful` (or Prism on `openapi/<api>.yaml`) to the first 200 on the documented `GET` of a shipped fixture user, sent once the server prints that it listens (from 2026-12-02; before, polled every 2 ms), medians of the launches listed, the servers launched in turn; CPU = the server process's user + system time by then (from /proc), which a loaded machine stretches less than the wall time. `--version` = spawn to exit, against a bare `node -e 0` launched in turn.",
  "",
  "| run (UTC) | commit | command | load (1 min) | intercom: reference / Prism ready | dfns: reference / Prism ready | `--version` / `node -e 0` |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  END,
].join("\n");

/** Adds one row (its cells, in the header's order) at the end of the start-up table. */
export async function appendStartupRow(cells) {
  let text = await readFile(file, "utf8");
  if (!text.includes(START)) {
    // Beside the mocks section, whose ready column it extends.
    const after = "<!-- mocks:end -->";
    text = text.includes(after) ? text.replace(after, `${after}\n\n${SECTION}`) : `${text.trimEnd()}\n\n${SECTION}\n`;
  }
  await writeFile(file, text.replace(END, `| ${cells.join(" | ")} |\n${END}`));
}
