import { loadContract } from "../../src/contract/index.js";
import { apiRegistry } from "../../src/wiring.js";

/** The credentials and variables a run against a built-in API's reference takes, from its shipped fixtures. */
export async function referenceSetup(api: string) {
  const plugin = apiRegistry().get(api);
  return plugin.conformance.referenceSetup(plugin.loadFixtures(plugin.fixturesDir, await loadContract(plugin.contractFile)));
}
