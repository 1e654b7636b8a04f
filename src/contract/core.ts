// Everything of the contract layer that needs no file system: what the in-page reference engine uses.
export { assembleContract, type Contract } from "./assemble.js";
export { GENERIC_SECRET_HEADERS, headerApiKeys, secretHeaderSet } from "./secret-headers.js";
export { collectExamples, validateExamples, type DocumentedExample, type ExampleFailure } from "./examples.js";
export { findHeader, findMediaType, findResponse, formatIssues, reportedIssues, type ContractValidators, type Validator } from "./validators.js";
export { pointerToken, shownValueAt, type ReceivedJson } from "./json-source.js";
export type { Operation, SchemaIssue, ValidationResult, HttpMethod } from "./types.js";
export { validateRequest, type IncomingRequestParts, type RequestValidation } from "./request-validation.js";
export {
  contentTypeConformance,
  documentedStatuses,
  headersConformance,
  responseConformance,
  schemaConformance,
  statusConformance,
  type Finding,
  type Judgement,
  type ObservedResponse,
} from "./response-conformance.js";
