import type { ReferencePlugin, TestCredentials } from "../../../plugin.js";
import type { DfnsFixtures } from "./fixtures.js";
import { createDfnsReference, DEFAULT_USER_ACTION_TTL_SECONDS } from "./server.js";

/** The Dfns reference from its fixtures, as `mock --stateful` and the in-page mock both start it; the key file's path is absolute, when the fixtures are on disk; from data, the key's PEM text is `privateKey`. */
export const createDfnsReferenceFor: ReferencePlugin<DfnsFixtures>["create"] = (contract, fixtures, { now, settings }) => {
  const userActionTtlSeconds = (settings.userActionTtlSeconds as number | undefined) ?? DEFAULT_USER_ACTION_TTL_SECONDS;
  const api = createDfnsReference(contract, fixtures, { now, userActionTtlSeconds });
  const [token, callerId] = [...fixtures.tokens][0] ?? ["", ""];
  const credential = fixtures.credentials.find((candidate) => candidate.userId === callerId);
  const credentials: TestCredentials = { token, credentialId: credential?.credId ?? "", privateKeyFile: credential?.privateKeyFile ?? "" };
  if (credential?.privateKeyPem) credentials.privateKey = credential.privateKeyPem;
  return { api, credentials };
};
