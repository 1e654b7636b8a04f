import { contractFile, type ApiName } from "../../src/apis/registry.js";
import { loadContract, type Contract } from "../../src/contract/index.js";

const loaded = new Map<ApiName, Promise<Contract>>();

/** The shipped contract of an API, loaded once per test file. */
export function shippedContract(api: ApiName): Promise<Contract> {
  let contract = loaded.get(api);
  if (!contract) loaded.set(api, (contract = loadContract(contractFile(api))));
  return contract;
}
