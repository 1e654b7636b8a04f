import { describeCause, UserError } from "../errors.js";
import { indexOperations, type OperationIndex } from "./operations.js";
import { validatedSchemas, type ValidatedSchemas } from "./schema-walk.js";
import type { Document } from "./types.js";
import { createValidators, type AjvFactory, type ContractValidators, type PrecompiledValidators } from "./validators.js";

/** A validated, dereferenced OpenAPI 3.1 document, its operations and its compiled validators. */
export interface Contract extends OperationIndex {
  file: string;
  /** The document as written (references intact), for tools that take the original. */
  source: Document;
  /** The document with every `$ref` resolved. */
  document: Document;
  /** Whether the build had validated this exact text and precompiled its validators. */
  prebuilt: boolean;
  validators: ContractValidators;
}

export interface ContractParts {
  file: string;
  /** How errors name the document (a path relative to the working directory). */
  shown: string;
  source: Document;
  document: Document;
  /** The build's validators for these schemas, or undefined when they are not (or no longer) these. */
  precompiled?: (schemas: ValidatedSchemas) => PrecompiledValidators | undefined;
  makeAjv: AjvFactory;
}

/** A contract from a document already parsed and dereferenced: the part of loading that needs no file system. */
export function assembleContract(parts: ContractParts): Contract {
  const { file, shown, source, document } = parts;
  if (!String(document.openapi).startsWith("3.1")) {
    throw new UserError(`contract ${shown}: OpenAPI ${document.openapi} is not supported — write the document as OpenAPI 3.1`);
  }
  let index: OperationIndex;
  try {
    index = indexOperations(document);
  } catch (error) {
    throw new UserError(`contract ${shown}: ${describeCause(error)} — give every operation an operationId`);
  }
  const precompiled = parts.precompiled?.(validatedSchemas(document, index.operations));
  return { file, source, document, prebuilt: precompiled !== undefined, validators: createValidators(shown, parts.makeAjv, precompiled), ...index };
}
