import { readFile } from "node:fs/promises";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { describeCause, UserError } from "../errors.js";
import { indexOperations, type OperationIndex } from "./operations.js";
import type { Document } from "./types.js";
import { createValidators, type ContractValidators } from "./validators.js";

/** A validated, dereferenced OpenAPI 3.1 document, its operations and its compiled validators. */
export interface Contract extends OperationIndex {
  file: string;
  /** The document as written (references intact), for tools that take the original. */
  source: Document;
  /** The document with every `$ref` resolved. */
  document: Document;
  validators: ContractValidators;
}

export async function loadContract(file: string): Promise<Contract> {
  const shown = path.relative(process.cwd(), file) || file;
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === "ENOENT" ? "no such file" : describeCause(error);
    throw new UserError(`contract ${shown}: ${reason} — pass the path of an OpenAPI 3.1 YAML or JSON file`);
  });
  const source = parseDocument(text, shown);
  let document: Document;
  try {
    document = (await SwaggerParser.validate(structuredClone(source) as never)) as Document;
  } catch (error) {
    throw new UserError(`contract ${shown}: not a valid OpenAPI document: ${firstProblem(error)} — fix the document`);
  }
  if (!String(document.openapi).startsWith("3.1")) {
    throw new UserError(`contract ${shown}: OpenAPI ${document.openapi} is not supported — write the document as OpenAPI 3.1`);
  }
  let index: OperationIndex;
  try {
    index = indexOperations(document);
  } catch (error) {
    throw new UserError(`contract ${shown}: ${describeCause(error)} — give every operation an operationId`);
  }
  return { file, source, document, validators: createValidators(shown), ...index };
}

function parseDocument(text: string, shown: string): Document {
  let parsed: unknown;
  try {
    parsed = parseYaml(text, { maxAliasCount: -1 });
  } catch (error) {
    const reason = error instanceof YAMLParseError ? describeCause(error).replace(/:$/, "") : describeCause(error);
    throw new UserError(`contract ${shown}: malformed YAML or JSON: ${reason} — fix the syntax`);
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
