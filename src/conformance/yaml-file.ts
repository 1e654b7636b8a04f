import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { load } from "js-yaml";
import { describeCause } from "../errors.js";

/** Case and variable files are small documents: a larger one is a mistake or an attack. */
export const MAX_YAML_FILE_BYTES = 1024 * 1024;
/** Values a YAML document may expand to, an alias counted again each time it is used. */
export const MAX_YAML_NODES = 100_000;

export type YamlFileProblem = "missing" | "not-a-file" | "too-large" | "malformed" | "too-many-nodes";

export type YamlFileRead = { ok: true; value: unknown } | { ok: false; problem: YamlFileProblem; message: string };

/**
 * Reads and parses a YAML (or JSON) file that must be a regular file of at most MAX_YAML_FILE_BYTES
 * whose aliases expand to at most MAX_YAML_NODES values. Opened without blocking and checked on the
 * open descriptor, so a FIFO, a device, a directory or a symlink to one is refused, never read.
 */
export function readYamlFile(file: string): YamlFileRead {
  let text: string;
  try {
    const read = readRegularFile(file);
    if (!read.ok) return read;
    text = read.text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, problem: "missing", message: "no such file" };
    return { ok: false, problem: "not-a-file", message: `cannot be read (${code ?? describeCause(error)})` };
  }
  let value: unknown;
  try {
    value = load(text);
  } catch (error) {
    return { ok: false, problem: "malformed", message: `malformed YAML: ${describeCause(error)}` };
  }
  if (expandsBeyond(value, MAX_YAML_NODES)) {
    return { ok: false, problem: "too-many-nodes", message: `expands to more than ${MAX_YAML_NODES} values (each use of an alias counts)` };
  }
  return { ok: true, value };
}

function readRegularFile(file: string): { ok: true; text: string } | { ok: false; problem: YamlFileProblem; message: string } {
  const descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { ok: false, problem: "not-a-file", message: `not a regular file (${kindOf(stats)})` };
    // The size is only a hint (some files report 0 and have content): read up to one byte past the cap.
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, MAX_YAML_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_YAML_FILE_BYTES) break;
        buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(length, MAX_YAML_FILE_BYTES + 1 - length))]);
      }
      const read = readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > MAX_YAML_FILE_BYTES) return { ok: false, problem: "too-large", message: `larger than ${MAX_YAML_FILE_BYTES / 1024 / 1024} MiB` };
    return { ok: true, text: buffer.toString("utf8", 0, length) };
  } finally {
    closeSync(descriptor);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a plain file";
}

/**
 * Whether walking the value visits more than `budget` values. js-yaml keeps an alias as a shared
 * reference (even a cycle), and everything downstream (templates, validation) walks it as a tree:
 * this counts what they would see, and stops as soon as the budget is spent.
 */
function expandsBeyond(value: unknown, budget: number): boolean {
  // Counted when queued, so the queue itself never holds more than the budget.
  const pending: unknown[] = [value];
  let counted = 1;
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== "object") continue;
    for (const child of Object.values(next)) {
      if (++counted > budget) return true;
      pending.push(child);
    }
  }
  return false;
}
