import Negotiator from "negotiator";

// Negotiator refuses a range whose parameters the offer lacks, so offer the charset form too.
const JSON_TYPES = ["application/json", "application/json; charset=utf-8"];

/** Whether an `Accept` header admits the JSON the servers send; a request without one accepts anything. */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === "") return true;
  return new Negotiator({ headers: { accept } }).mediaType(JSON_TYPES) !== undefined;
}
