import { SkipCase } from "./api.js";
import { INVALID_TOKEN } from "./invalid-credential.js";
import { lookup, type Variables } from "./template.js";

/**
 * What a case request's `auth` asks for, as every plugin's `prepare` must honour it: the run's
 * credentials (`default`, or no `auth`), none at all (`none`), a token the implementation cannot
 * know (`invalid`), the run's token as an HTTP Basic user name (`basic`), or a caller of the
 * variables by name (`callers.<name>` in --vars or the reference setup).
 */
export type CaseAuth =
  | { kind: "default" }
  | { kind: "none" }
  | { kind: "invalid"; token: string }
  | { kind: "basic" }
  | { kind: "caller"; name: string; caller: Readonly<Record<string, unknown>> };

/**
 * Reads a case request's `auth`. A caller the variables do not hold is a missing variable (the
 * case is skipped, saying which); `unsupported` lists the forms the API has no use for (an API
 * without Basic), each a clear refusal rather than a silent default.
 */
export function caseAuth(auth: string | undefined, variables: Variables, unsupported: ReadonlyArray<"basic" | "invalid"> = []): CaseAuth {
  const kind = auth ?? "default";
  if ((unsupported as readonly string[]).includes(kind)) throw new SkipCase(`auth: ${kind} is not a credential form of this API — use default, none${unsupported.includes("invalid") ? "" : ", invalid"} or a caller's name`);
  switch (kind) {
    case "default":
    case "none":
    case "basic":
      return { kind };
    case "invalid":
      return { kind, token: INVALID_TOKEN };
    default: {
      const caller = lookup(variables, `callers.${kind}`);
      if (!caller || typeof caller !== "object") throw new SkipCase(`auth: caller "${kind}" is not an object of credentials in the variables (callers.${kind}) — give it a token in --vars`);
      return { kind: "caller", name: kind, caller: caller as Record<string, unknown> };
    }
  }
}

/** A caller's credential by field (`token`): a caller without it cannot run the case, which is skipped saying so. */
export function callerCredential(auth: Extract<CaseAuth, { kind: "caller" }>, field: string): string {
  const value = auth.caller[field];
  if (typeof value !== "string" || value === "") throw new SkipCase(`auth: caller "${auth.name}" has no ${field} (callers.${auth.name}.${field} in --vars)`);
  return value;
}
