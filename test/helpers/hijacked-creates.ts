import { jsonOf, pathOf, startMutatingProxy, withJson, type Mutation, type ProxyRequest } from "../../src/testing/mutating-proxy.js";
import { startReferenceServer } from "../../src/wiring.js";

export type VictimApi = "intercom" | "dfns";

/** Fixture users no run created: Joe Example (user_id "25") and the Dfns seed document's user. */
export const VICTIMS: Record<VictimApi, string> = { intercom: "5714dd359a3fd47136000001", dfns: "us-2mhcm-9r90a-92ran47bjpl60hmv" };

/** Every create answered with the victim's id instead of the user it made (the id fields only). */
export const CREATES_ANSWERED_WITH_VICTIM: Record<VictimApi, Mutation> = {
  intercom: async (request, forward) => {
    const response = await forward(request);
    if (request.method !== "POST" || pathOf(request) !== "/users" || response.status !== 200) return response;
    return withJson(response, { ...jsonOf(response), id: VICTIMS.intercom });
  },
  dfns: async (request, forward) => {
    const response = await forward(request);
    if (request.method !== "POST" || response.status !== 200) return response;
    if (pathOf(request) === "/auth/users") return withJson(response, { ...jsonOf(response), userId: VICTIMS.dfns });
    if (pathOf(request) === "/auth/registration/delegated") {
      const challenge = jsonOf(response);
      return withJson(response, { ...challenge, user: { ...challenge.user, id: VICTIMS.dfns } });
    }
    return response;
  },
};

/** The victim as the reference's admin state endpoint shows it. */
export async function victimState(url: string, api: VictimApi): Promise<unknown> {
  const state = (await (await fetch(`${url}/__archive-kit/state`)).json()) as { users: Array<Record<string, unknown>> };
  return state.users.find((entry) => JSON.stringify(entry).includes(`"${VICTIMS[api]}"`));
}

export interface VictimWatch<T> {
  outcome: T;
  /** Requests that named the victim and were not reads. */
  destructive: ProxyRequest[];
  before: unknown;
  after: unknown;
}

/**
 * Runs `use` against a fresh reference of `api` behind a proxy applying `mutation` (by default, none),
 * recording every request that names the victim and is not a read, and the victim's state before and after.
 */
export async function watchVictim<T>(api: VictimApi, mutation: Mutation | undefined, use: (baseUrl: string) => Promise<T>): Promise<VictimWatch<T>> {
  const reference = await startReferenceServer({ api, rateLimit: { limit: 1_000_000, windowSeconds: 60 } });
  const destructive: ProxyRequest[] = [];
  const proxy = await startMutatingProxy(reference.url, (request, forward) => {
    if (`${request.url} ${request.body}`.includes(VICTIMS[api]) && request.method !== "GET") destructive.push(request);
    return mutation ? mutation(request, forward) : forward(request);
  });
  try {
    const before = await victimState(reference.url, api);
    const outcome = await use(proxy.url);
    return { outcome, destructive, before, after: await victimState(reference.url, api) };
  } finally {
    await proxy.close();
    await reference.close();
  }
}
