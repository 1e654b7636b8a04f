export { loadContract, collectExamples, validateExamples, formatIssues } from "./contract/index.js";
export type { Contract, DocumentedExample, ExampleFailure, Operation, SchemaIssue, ValidationResult } from "./contract/index.js";
export { API_NAMES, contractFile, type ApiName } from "./apis/registry.js";
export { createIntercomClient, type IntercomClient, type IntercomClientOptions } from "./apis/intercom/client.js";
export { createDfnsClient, type DfnsClient, type DfnsClientOptions } from "./apis/dfns/client.js";
export { createKeySigner, type DfnsSigner, type KeySignerOptions } from "./apis/dfns/signer.js";
export { UserError } from "./errors.js";
export type { paths as IntercomPaths, components as IntercomComponents } from "./generated/intercom.js";
export type { paths as DfnsPaths, components as DfnsComponents } from "./generated/dfns.js";
