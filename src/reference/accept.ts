import Negotiator from "negotiator";

/** Whether an `Accept` header admits JSON; a request without one accepts anything. */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === "") return true;
  return new Negotiator({ headers: { accept } }).mediaType(["application/json"]) !== undefined;
}
