import type { Contract } from "./contract/core.js";
import type { ContractPack } from "./contract/pack.js";
import type { ReferenceCreateOptions, ReferencePlugin } from "./plugin.js";
import type { FixtureSource } from "./reference/fixtures.js";

/**
 * What the in-page mock needs of a built-in API, none of it reading a file: its contract pack (the
 * build's ES module) and how its reference starts from fixture files, with the same functions its
 * plugin uses for `mock --stateful`.
 */
export interface PageReference {
  name: string;
  pack(): Promise<{ default: ContractPack }>;
  start(contract: Contract, fixtures: FixtureSource, options: ReferenceCreateOptions): ReturnType<ReferencePlugin["create"]>;
}

export function pageReference<Fixtures>(
  name: string,
  pack: PageReference["pack"],
  fixturesFrom: (source: FixtureSource, contract: Contract) => Fixtures,
  create: ReferencePlugin<Fixtures>["create"],
): PageReference {
  return { name, pack, start: (contract, fixtures, options) => create(contract, fixturesFrom(fixtures, contract), options) };
}
