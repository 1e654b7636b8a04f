import { archivedStaysArchived } from "./archived-stays-archived.js";
import { authRequired } from "./auth-required.js";
import { contentType } from "./content-type.js";
import { documentedState } from "./documented-state.js";
import { documentedValues } from "./documented-values.js";
import { errorEnvelope } from "./error-envelope.js";
import { notAServerError } from "./not-a-server-error.js";
import { createCheckRegistry } from "./registry.js";
import { responseHeaders } from "./response-headers.js";
import { responseSchema } from "./response-schema.js";
import { statusCode } from "./status-code.js";
import type { Check } from "./types.js";
import { unsupportedMethod } from "./unsupported-method.js";

export type { Check, CheckContext, CheckOutcome, Finding } from "./types.js";
export { semanticStatusCheck } from "./semantic-status.js";
export { createCheckRegistry, selectChecks, semanticCheckNames, type CheckRegistry, type CheckSelection } from "./registry.js";

/**
 * The core checks by name, in the order their failures are reported. An API plugin adds its own
 * semantic checks with `createCheckRegistry(CORE_CHECKS, plugin.checks)`.
 */
export const CORE_CHECKS: Readonly<Record<string, Check>> = {
  "not-a-server-error": notAServerError,
  "status-code": statusCode,
  "auth-required": authRequired,
  "archived-stays-archived": archivedStaysArchived,
  "documented-state": documentedState,
  "unsupported-method": unsupportedMethod,
  "content-type": contentType,
  "response-headers": responseHeaders,
  "response-schema": responseSchema,
  "error-envelope": errorEnvelope,
  "documented-values": documentedValues,
};

/** The core checks alone, as a registry (an API's run adds its plugin's checks). */
export const CHECKS = createCheckRegistry(CORE_CHECKS);
