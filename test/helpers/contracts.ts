import { contractFile, type ApiName } from "../../src/apis/shipped-apis.js";
import { loadContract, type Contract } from "../../src/contract/index.js";

const loaded = new Map<ApiName, Promise<Contract>>();

/** The shipped contract of an API, loaded once per test file. */
export function shippedContract(api: ApiName): Promise<Contract> {
  let contract = loaded.get(api);
  if (!contract) loaded.set(api, (contract = loadContract(contractFile(api))));
  return contract;
}

/** The value of a named example of an operation's documented response, read from the shipped contract. */
export async function documentedExampleOf(api: ApiName, operationId: string, status: string, name: string): Promise<unknown> {
  const operation = (await shippedContract(api)).operations.find((candidate) => candidate.operationId === operationId)!;
  const media = operation.responses[status]!.content!["application/json"] as { examples: Record<string, { value: unknown }> };
  return media.examples[name]!.value;
}
