import type { ReferencePlugin } from "../../../plugin.js";
import type { RateLimitSettings } from "../../../reference/rate-limit.js";
import { seededAt, type IntercomFixtureFiles } from "./fixtures.js";
import { createIntercomReference, DEFAULT_INTERCOM_RATE_LIMIT } from "./server.js";

/** The Intercom reference from its fixtures, as `mock --stateful` and the in-page mock both start it. */
export const createIntercomReferenceFor: ReferencePlugin<IntercomFixtureFiles>["create"] = (contract, files, { now, settings }) => {
  const fixtures = seededAt(files, Math.floor(now() / 1000));
  const rateLimit = (settings.rateLimit as RateLimitSettings | undefined) ?? DEFAULT_INTERCOM_RATE_LIMIT;
  return { api: createIntercomReference(contract, fixtures, { now, rateLimit }), credentials: { token: fixtures.tokens[0] ?? "" } };
};
