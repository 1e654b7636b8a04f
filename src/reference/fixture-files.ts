import { readFileSync } from "node:fs";
import path from "node:path";
import { describeCause, UserError } from "../errors.js";
import type { FixtureSource } from "./fixtures.js";

/** Reads one JSON fixture file; a missing or malformed one is a UserError naming it. */
export function readFixture<T>(dir: string, name: string): T {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : describeCause(error);
    throw new UserError(`fixtures ${file}: ${reason} — pass --fixtures with a folder holding ${name}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new UserError(`fixtures ${file}: malformed JSON: ${describeCause(error)} — fix the file`);
  }
}

/** The fixture files of a folder. */
export function folderFixtures(dir: string): FixtureSource {
  return { read: (name) => readFixture(dir, name), pathOf: (name) => path.join(dir, name) };
}
