import { UserError } from "../errors.js";
import { formatIssues, type Contract } from "../contract/core.js";
import type { SchemaObject } from "../contract/types.js";

/** Where a reference's fixture files come from: a folder on disk (Node) or their parsed contents (a page). */
export interface FixtureSource {
  /** One fixture file's parsed JSON; a missing or malformed one is a UserError naming it. */
  read<T>(name: string): T;
  /** The path of a file named by the fixtures (a key file), when they are on disk. */
  pathOf?(name: string): string;
  /** The text of a file named by the fixtures (a key file), when they were given as data. */
  text?(name: string): string | undefined;
}

/** Fixture files given as their parsed contents, by file name (`{ "users.json": {...} }`); other files (keys) as text. */
export function dataFixtures(files: Record<string, unknown>): FixtureSource {
  return {
    read<T>(name: string): T {
      if (!Object.hasOwn(files, name)) throw new UserError(`fixtures: no ${name} given — pass its parsed contents as fixtures["${name}"]`);
      return structuredClone(files[name]) as T;
    },
    text: (name) => (typeof files[name] === "string" ? files[name] : undefined),
  };
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
