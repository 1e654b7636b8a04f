import { readFile } from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { describeCause, UserError } from "../errors.js";
import { packageRoot } from "../package-root.js";
import { createAjv } from "./ajv.js";
import { assembleContract, type Contract } from "./assemble.js";
import type { Document } from "./types.js";
import { schemaFingerprints } from "./schema-fingerprints.js";
import type { ValidatedSchemas } from "./schema-walk.js";
import { fromSharedGraph, type SharedGraph } from "./shared-graph.js";
import type { PrecompiledValidators } from "./validators.js";

const require = createRequire(import.meta.url);

export type { Contract };

export async function loadContract(file: string): Promise<Contract> {
  const shown = path.relative(process.cwd(), file) || file;
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === "ENOENT" ? "no such file" : describeCause(error);
    throw new UserError(`contract ${shown}: ${reason} — pass the path of an OpenAPI 3.1 YAML or JSON file`);
  });
  const hash = createHash("sha256").update(text).digest("hex");
  const key = `${file}\0${hash}`;
  const known = loaded.get(key);
  if (known) return known;
  const contract = await buildContract(file, shown, text, hash);
  loaded.set(key, contract);
  return contract;
}

/** Contracts already loaded in this process, by file and content: runs and tests load the same ones often. */
const loaded = new Map<string, Contract>();

async function buildContract(file: string, shown: string, text: string, hash: string): Promise<Contract> {
  const bundled = await readBundle(hash);
  const { source, document } = bundled ?? (await parseAndValidate(text, shown));
  const precompiled = bundled ? (schemas: ValidatedSchemas) => loadPrecompiled(hash, schemas) : undefined;
  return assembleContract({ file, shown, source, document, precompiled, makeAjv: createAjv });
}

const bundleDir = path.join(packageRoot, "dist", "contracts");

/** A document `npm run build` already validated and dereferenced (same text, same hash), or undefined. */
async function readBundle(hash: string): Promise<{ source: Document; document: Document } | undefined> {
  const read = async (file: string) => JSON.parse(await readFile(path.join(bundleDir, file), "utf8")) as unknown;
  try {
    const [source, graph] = await Promise.all([read(`${hash}.json`), read(path.join(hash, "document.json"))]);
    return { source: source as Document, document: fromSharedGraph(graph as SharedGraph) as Document };
  } catch {
    return undefined;
  }
}

/** The build's validate functions for this document, when they were built from these very schemas. */
function loadPrecompiled(hash: string, schemas: ValidatedSchemas): PrecompiledValidators | undefined {
  const dir = path.join(bundleDir, hash);
  try {
    const recorded = require(path.join(dir, "fingerprints.json")) as ReturnType<typeof schemaFingerprints>;
    if (JSON.stringify(recorded) !== JSON.stringify(schemaFingerprints(schemas))) return undefined;
  } catch {
    return undefined;
  }
  // Each module is loaded when its validator is first used: start-up loads none.
  const loader = (prefix: string) => (i: number) => () =>
    (require(path.join(dir, `${prefix}${i}.cjs`)) as { validate: ValidateFunction }).validate;
  return {
    schemas,
    plain: schemas.plain.map((_, i) => loader("p")(i)),
    coerced: schemas.coerced.map((_, i) => loader("c")(i)),
  };
}

async function parseAndValidate(text: string, shown: string): Promise<{ source: Document; document: Document }> {
  const source = await parseDocument(text, shown);
  // Loaded only here: a validated bundle needs neither (they cost a third of start-up).
  const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
  try {
    return { source, document: (await SwaggerParser.validate(structuredClone(source) as never)) as Document };
  } catch (error) {
    throw new UserError(`contract ${shown}: not a valid OpenAPI document: ${firstProblem(error)} — fix the document`);
  }
}

async function parseDocument(text: string, shown: string): Promise<Document> {
  const { load } = await import("js-yaml");
  let parsed: unknown;
  try {
    parsed = load(text);
  } catch (error) {
    throw new UserError(`contract ${shown}: malformed YAML or JSON: ${describeCause(error)} — fix the syntax`);
  }
  if (!parsed || typeof parsed !== "object" || !("openapi" in parsed)) {
    throw new UserError(`contract ${shown}: not an OpenAPI document (no "openapi" field) — pass an OpenAPI 3.1 file`);
  }
  return parsed as Document;
}

/** swagger-parser puts a headline first and the actual problems on the following lines. */
function firstProblem(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.length > 1 ? `${lines[1]}${lines.length > 2 ? ` (and ${lines.length - 2} more)` : ""}` : (lines[0] ?? "unknown problem");
}
