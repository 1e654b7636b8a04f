import { startReferenceServer } from "../../src/wiring.js";
import { startMutatingProxy, type Mutation } from "../../src/testing/mutating-proxy.js";

/** A fresh reference of `api` seen through `mutation`, for the duration of `use` (which gets the proxy's URL). */
export async function withReferenceBehindProxy<T>(api: string, mutation: Mutation, use: (baseUrl: string) => Promise<T>): Promise<T> {
  const reference = await startReferenceServer({ api });
  const proxy = await startMutatingProxy(reference.url, mutation);
  try {
    return await use(proxy.url);
  } finally {
    await proxy.close();
    await reference.close();
  }
}
