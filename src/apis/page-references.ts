import { pageReference } from "../page-reference.js";
import { createDfnsReferenceFor } from "./dfns/reference/create.js";
import { dfnsFixturesFrom } from "./dfns/reference/fixtures.js";
import { createIntercomReferenceFor } from "./intercom/reference/create.js";
import { intercomFixturesFrom } from "./intercom/reference/fixtures.js";

/** The built-in APIs as the in-page mock starts them; each pack is loaded only when its API is mocked. */
export const PAGE_REFERENCES = {
  intercom: pageReference("intercom", () => import("../generated/packs/intercom.js"), intercomFixturesFrom, createIntercomReferenceFor),
  dfns: pageReference("dfns", () => import("../generated/packs/dfns.js"), dfnsFixturesFrom, createDfnsReferenceFor),
};

export type PageApiName = keyof typeof PAGE_REFERENCES;
