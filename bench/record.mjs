// Writes one benchmark's results into its own section of bench/RESULTS.md, keeping the others.
import { readFile, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";

const file = new URL("RESULTS.md", import.meta.url);

export async function recordResults(name, { command, setup, table }) {
  const existing = await readFile(file, "utf8").catch(() => "# Benchmark results\n\nEach section is rewritten by the command it names.\n");
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const section = [
    start,
    `## ${name}`,
    "",
    `Command: \`${command}\` — run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine}.`,
    "",
    setup,
    "",
    table,
    end,
  ].join("\n");
  const updated = existing.includes(start)
    ? existing.replace(new RegExp(`${start}[\\s\\S]*?${end}`), section)
    : `${existing.trimEnd()}\n\n${section}\n`;
  await writeFile(file, updated);
}
