import createClient, { type Client } from "openapi-fetch";
import { toBase64 } from "../../encoding/base64.js";
import type { paths } from "../../generated/intercom.js";

export type IntercomClient = Client<paths>;

export interface IntercomClientOptions {
  baseUrl: string;
  /** An Intercom access token. */
  token: string;
  /** `bearer` (default) sends `Authorization: Bearer <token>`; `basic` sends the token as Basic user name, as the SDKs do. */
  auth?: "bearer" | "basic";
  /** Sent as `Intercom-Version` when given. */
  intercomVersion?: string;
  fetch?: typeof globalThis.fetch;
}

/** A typed client for the Intercom 1.3 Users contract (`openapi/intercom.yaml`). */
export function createIntercomClient(options: IntercomClientOptions): IntercomClient {
  const authorization =
    options.auth === "basic"
      ? `Basic ${toBase64(`${options.token}:`)}`
      : `Bearer ${options.token}`;
  return createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: {
      Authorization: authorization,
      Accept: "application/json",
      ...(options.intercomVersion ? { "Intercom-Version": options.intercomVersion } : {}),
    },
  });
}
