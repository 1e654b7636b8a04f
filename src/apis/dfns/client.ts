import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "../../generated/dfns.js";
import { createNonce } from "./nonce.js";
import type { DfnsSigner } from "./signing.js";

export type DfnsClient = Client<paths>;
type SignedMethod = components["schemas"]["UserActionChallengeRequest"]["userActionHttpMethod"];

export interface DfnsClientOptions {
  baseUrl: string;
  /** A Dfns authentication token (user or service account). */
  token: string;
  /** Signs user action challenges; required for state-changing calls. */
  signer?: DfnsSigner;
  /** Seed-era application id: when given, every request carries `X-DFNS-APPID` and a fresh `X-DFNS-NONCE`. */
  appId?: string;
  fetch?: typeof globalThis.fetch;
}

const STATE_CHANGING = new Set(["POST", "PUT", "DELETE", "PATCH"]);
const SIGNING_PATHS = new Set(["/auth/action/init", "/auth/action"]);

/**
 * A typed client for the Dfns Auth users contract (`openapi/dfns.yaml`). A state-changing call
 * runs user action signing first (init → sign → action) and sends the token it gets as
 * `X-DFNS-USERACTION`, so `client.DELETE("/auth/users/{userId}", …)` is the whole archive.
 */
export function createDfnsClient(options: DfnsClientOptions): DfnsClient {
  const clientOptions = {
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: {
      Authorization: `Bearer ${options.token}`,
      ...(options.appId ? { "X-DFNS-APPID": options.appId } : {}),
    },
  };
  const signingClient = createClient<paths>(clientOptions);
  const client = createClient<paths>(clientOptions);
  if (options.appId) {
    signingClient.use(nonceMiddleware);
    client.use(nonceMiddleware);
  }
  client.use(userActionMiddleware(signingClient, options));
  return client;
}

const nonceMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set("X-DFNS-NONCE", createNonce());
    return request;
  },
};

function userActionMiddleware(signingClient: DfnsClient, options: DfnsClientOptions): Middleware {
  return {
    async onRequest({ request }) {
      const path = apiPath(request.url, options.baseUrl);
      if (!STATE_CHANGING.has(request.method) || SIGNING_PATHS.has(path)) return request;
      if (!options.signer) {
        throw new Error(`${request.method} ${path} needs a user action signature: pass a signer to createDfnsClient`);
      }
      const payload = request.body ? await request.clone().text() : "";
      const init = await signingClient.POST("/auth/action/init", {
        body: { userActionPayload: payload, userActionHttpMethod: request.method as SignedMethod, userActionHttpPath: path },
      });
      if (!init.data) return failedStep(init.response, init.error);
      const firstFactor = await options.signer.sign(init.data);
      const action = await signingClient.POST("/auth/action", {
        body: { challengeIdentifier: init.data.challengeIdentifier, firstFactor },
      });
      if (!action.data) return failedStep(action.response, action.error);
      request.headers.set("X-DFNS-USERACTION", action.data.userAction);
      return request;
    },
  };
}

/** The API path a request addresses, relative to the base URL (which may hold a path prefix). */
function apiPath(requestUrl: string, baseUrl: string): string {
  const url = new URL(requestUrl);
  const prefix = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const pathname = prefix && url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
  return pathname + url.search;
}

/** A signing step failed: answer the original call with that step's error, its body already read. */
function failedStep(response: Response, error: unknown): Response {
  return new Response(JSON.stringify(error ?? null), { status: response.status, headers: response.headers });
}
