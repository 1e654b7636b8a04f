export { loadContract, collectExamples, validateExamples, formatIssues, validateRequest } from "./contract/index.js";
export type { Contract, DocumentedExample, ExampleFailure, Operation, SchemaIssue, ValidationResult } from "./contract/index.js";
export { API_NAMES, contractFile, type ApiName } from "./apis/shipped-apis.js";
export * from "./client.js";
export { createKeySigner, type DfnsSigner, type KeySignerOptions } from "./apis/dfns/signer.js";
export { UserError } from "./errors.js";
export type { PrismMock } from "./mock/prism.js";
export {
  apiRegistry,
  runConformance,
  runFuzz,
  startPrismMock,
  startReferenceServer,
  createReferenceFetch,
  type ReferenceFetch,
  type PrismMockStartOptions as PrismMockOptions,
  type ReferenceServer,
  type ReferenceServerOptions,
  type RunConformanceOptions as ConformanceOptions,
  type RunFuzzOptions as FuzzOptions,
} from "./wiring.js";
export type { FuzzResult } from "./fuzz/run-fuzz.js";
export { positiveRequests, negativeRequests, type GenerateOptions, type GeneratedRequest, type Violation, type ViolationKind } from "./fuzz/generate/index.js";
export type { CaseResult, RunResult, RunEvent, Failure, Exchange } from "./conformance/types.js";

// For API plugins (docs/reference/plugin-api.md): the interface, and the engine helpers a plugin builds on.
export { pluginProblems } from "./plugin-validation.js";
export { defineApiPlugin, isApiPlugin, type ApiPlugin, type FuzzSettings, type ReferencePlugin, type ReferenceSettingFlag, type ReferenceCreateOptions, type TestCredentials } from "./plugin.js";
export type { PluginRegistry } from "./plugin-registry.js";
export type { ConformancePlugin, ConformanceSubject } from "./conformance/plugin.js";
export { declaredCredentials, type ConformanceCredentials, type CredentialDeclaration } from "./conformance/credentials.js";
export { describeAnswer, SetupFailed, SkipCase, type ConformanceAdapter, type PrepareContext, type Prepared } from "./conformance/api.js";
export { callerCredential, caseAuth, type CaseAuth } from "./conformance/case-auth.js";
export { INVALID_TOKEN } from "./conformance/invalid-credential.js";
export { caseHeaders, requestBody, requestTarget } from "./conformance/request.js";
export { lookup, type Variables } from "./conformance/template.js";
export type { CaseRequest } from "./conformance/types.js";
export { semanticStatusCheck } from "./checks/semantic-status.js";
export type { Check, CheckContext, CheckOutcome } from "./checks/types.js";
export { assertMatchesSchema, dataFixtures, type FixtureSource } from "./reference/fixtures.js";
export { readFixture, folderFixtures } from "./reference/fixture-files.js";
export { bearerToken } from "./reference/authorization.js";
export { acceptsJson } from "./reference/accept.js";
export type { ReferenceLogic, ReferenceRequest, ReferenceResponse } from "./reference/types.js";

import type { ConformanceAdapter as Adapter } from "./conformance/api.js";
import type { ReferenceLogic as Logic } from "./reference/types.js";
/** @deprecated The former name of ConformanceAdapter (a plugin's per-run part); kept so that existing plugins still type-check. */
export type ConformanceApi = Adapter;
/** @deprecated The former name of ReferenceLogic (the API logic a reference server serves); kept so that existing plugins still type-check. */
export type ReferenceApi = Logic;
