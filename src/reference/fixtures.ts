import { readFileSync } from "node:fs";
import path from "node:path";
import { describeCause, UserError } from "../errors.js";
import { formatIssues, type Contract } from "../contract/index.js";
import type { SchemaObject } from "../contract/types.js";

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

/** Checks a fixture value against a named schema of the contract, so fixtures obey the contract too. */
export function assertMatchesSchema(contract: Contract, schemaName: string, value: unknown, where: string): void {
  const problem = schemaProblem(contract, schemaName, value);
  if (problem) throw new UserError(`fixtures ${where}: ${problem} — fix the fixture`);
}

/** What makes a value not a valid instance of a named schema of the contract (`not a valid User: /email …`), or undefined. */
export function schemaProblem(contract: Contract, schemaName: string, value: unknown): string | undefined {
  const schema = contract.document.components?.schemas?.[schemaName] as SchemaObject | undefined;
  if (!schema) throw new Error(`the contract has no schema ${schemaName}`);
  const result = contract.validators.forSchema(schema)(value);
  return result.valid ? undefined : `not a valid ${schemaName}: ${formatIssues(result.issues)}`;
}
