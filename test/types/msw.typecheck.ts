// Compiled by `npm run typecheck` (part of `npm test`), never run. Each @ts-expect-error line must
// be a compile error, or tsc fails: respond takes only a documented operation and status.
import { createMockApi } from "../../src/msw.js";

export async function documentedAnswersCompile() {
  const intercom = await createMockApi({ api: "intercom" });
  const dfns = await createMockApi({ api: "dfns" });
  intercom.respond("archiveUserById", 429);
  intercom.respond("archiveUserByQuery", 400, { example: "conflict", times: 2 });
  // A status inside a documented range (Intercom's 4XX, 5XX) is documented.
  intercom.respond("archiveUserById", 418);
  intercom.respond("createOrUpdateUser", 503);
  dfns.respond("archiveUser", 403);
}

export async function undocumentedAnswersDoNot() {
  const intercom = await createMockApi({ api: "intercom" });
  const dfns = await createMockApi({ api: "dfns" });
  // @ts-expect-error Intercom 1.3 has no operation archiveUser (that is Dfns's)
  intercom.respond("archiveUser", 200);
  // @ts-expect-error archiveUserById documents no 3xx
  intercom.respond("archiveUserById", 302);
  // @ts-expect-error Dfns's archive documents no 418 (its statuses have no range)
  dfns.respond("archiveUser", 418);
  // @ts-expect-error a status is a number
  intercom.respond("archiveUserById", "429");
}
