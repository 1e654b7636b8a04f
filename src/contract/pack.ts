import type { ValidateFunction } from "ajv/dist/2020.js";
import { assembleContract, type Contract } from "./assemble.js";
import { fromSharedGraph, type SharedGraph } from "./shared-graph.js";
import type { Document } from "./types.js";

/**
 * A contract as the build bundles it for pages (scripts/bundle-packs.mjs): the document, its
 * dereferenced graph and every validator precompiled, as one ES module with no `node:*` import.
 * The API's shipped fixture files ride along, parsed.
 */
export interface ContractPack {
  /** The document's path in the package, e.g. `openapi/<api>.yaml`. */
  file: string;
  source: Document;
  graph: SharedGraph;
  /** Validators in `validatedSchemas` order (src/contract/schema-walk.ts). */
  plain: ValidateFunction[];
  coerced: ValidateFunction[];
  /** The shipped fixture files by name, parsed. */
  fixtures: Record<string, unknown>;
}

export function contractFromPack(pack: ContractPack): Contract {
  return assembleContract({
    file: pack.file,
    shown: pack.file,
    source: pack.source,
    document: fromSharedGraph(pack.graph) as Document,
    precompiled: (schemas) =>
      schemas.plain.length === pack.plain.length && schemas.coerced.length === pack.coerced.length
        ? { schemas, plain: pack.plain.map((validate) => () => validate), coerced: pack.coerced.map((validate) => () => validate) }
        : undefined,
    // A pack carries a validator for every schema its contract has: none is ever compiled in the page.
    makeAjv: () => {
      throw new Error(`contract ${pack.file}: a schema without a precompiled validator — rebuild archive-kit (npm run build)`);
    },
  });
}
