import { archivedStaysArchived } from "./archived-stays-archived.js";
import { authRequired } from "./auth-required.js";
import { contentType } from "./content-type.js";
import { documentedValues } from "./documented-values.js";
import { errorEnvelope } from "./error-envelope.js";
import { notAServerError } from "./not-a-server-error.js";
import { permissionEnforced } from "./permission-enforced.js";
import { responseHeaders } from "./response-headers.js";
import { responseSchema } from "./response-schema.js";
import { statusCode } from "./status-code.js";
import type { Check } from "./types.js";
import { unsupportedMethod } from "./unsupported-method.js";
import { userActionRequired } from "./user-action-required.js";

export type { Check, CheckContext, CheckOutcome } from "./types.js";

/** Every check, in the order their failures are reported. */
export const CHECKS: readonly Check[] = [
  notAServerError,
  statusCode,
  authRequired,
  userActionRequired,
  permissionEnforced,
  archivedStaysArchived,
  unsupportedMethod,
  contentType,
  responseHeaders,
  responseSchema,
  errorEnvelope,
  documentedValues,
];
