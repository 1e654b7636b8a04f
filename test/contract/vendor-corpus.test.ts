/**
 * What the vendor publishes passes: every file of fixtures/<api>/vendor-corpus/ (shape in
 * fixtures/README-vendor-corpus.md) is validated, through the library's public API, against the
 * compiled validators of the shipped contract for its operation and status.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../../src/apis/shipped-apis.js";
import { API_NAMES, contractFile, loadContract, type ApiName, type Contract, type Operation } from "../../src/index.js";

interface CorpusEntry {
  source: string;
  publishedFor?: string;
  operation: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  notes?: string;
}

/** The fewest files each API's corpus must hold (issue 7: at least 20 across both). */
const MINIMUM_FILES: Record<ApiName, number> = { intercom: 12, dfns: 10 };

const corpusDir = (api: ApiName) => path.join(fixturesDir(api), "vendor-corpus");
const corpusApis = API_NAMES.filter((api) => existsSync(corpusDir(api)));

function readCorpus(api: ApiName): Array<[string, CorpusEntry]> {
  return readdirSync(corpusDir(api))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => [name, JSON.parse(readFileSync(path.join(corpusDir(api), name), "utf8")) as CorpusEntry]);
}

/** The documented response a status falls under: exact, then its range ("4XX"), then "default". */
function documentedResponse(operation: Operation, status: number) {
  const code = String(status);
  return operation.responses[code] ?? operation.responses[`${code[0]}XX`] ?? operation.responses.default;
}

/** Every reason the contract rejects an entry; empty when it accepts it. */
function problems(contract: Contract, entry: CorpusEntry): string[] {
  const operation = contract.byId(entry.operation);
  if (!operation) return [`no operation ${entry.operation} in the contract`];
  const response = documentedResponse(operation, entry.status);
  if (!response) return [`${entry.operation} documents no response for ${entry.status}`];
  const found: string[] = [];
  const received = new Map(Object.entries(entry.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  if (entry.headers) {
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const value = received.get(name.toLowerCase());
      if (value === undefined) {
        if ((header as { required?: boolean }).required) found.push(`header ${name} is required but missing`);
        continue;
      }
      const result = contract.validators.responseHeader(operation, entry.status, name)!(value);
      if (!result.valid) found.push(...result.issues.map((issue) => `header ${name}: ${issue.pointer} ${issue.message}`));
    }
  }
  if (entry.body !== undefined) {
    const validate = contract.validators.responseBody(operation, entry.status, received.get("content-type") ?? "application/json");
    if (!validate) return [...found, `${entry.operation} ${entry.status} documents no JSON body`];
    const result = validate(entry.body);
    if (!result.valid) found.push(...result.issues.map((issue) => `body ${issue.pointer} ${issue.message}`));
  }
  return found;
}

it("covers at least one API, and no API's corpus folder is empty", () => {
  expect(corpusApis).toContain("intercom");
  for (const api of corpusApis) expect(readCorpus(api).length, api).toBeGreaterThanOrEqual(MINIMUM_FILES[api]);
});

it("holds at least 20 published responses across the APIs once every API has its corpus", () => {
  const total = corpusApis.reduce((sum, api) => sum + readCorpus(api).length, 0);
  expect(total).toBeGreaterThanOrEqual(corpusApis.length === API_NAMES.length ? 20 : MINIMUM_FILES.intercom);
});

describe.each(corpusApis)("the %s vendor corpus", async (api) => {
  const contract = await loadContract(contractFile(api));
  const corpus = readCorpus(api);

  it.each(corpus)("%s names its source and what it answers", (_file, entry) => {
    expect(entry.source).toMatch(/^(github:[\w.-]+\/[\w.-]+@[0-9a-f]{40}:\S+|https:\/\/\S+)/);
    expect(entry).toMatchObject({ operation: expect.any(String), status: expect.any(Number) });
    expect(entry.headers !== undefined || entry.body !== undefined).toBe(true);
  });

  it.each(corpus)("%s is accepted by the contract", (_file, entry) => {
    expect(problems(contract, entry)).toEqual([]);
  });
});

// The validation above can fail: deviations from published shapes are still rejected.
describe("a corpus entry that deviates from the contract is rejected", async () => {
  const contract = await loadContract(contractFile("intercom"));
  const corpus = new Map(readCorpus("intercom"));
  const entry = (file: string) => structuredClone(corpus.get(file)!);

  it.each<[string, string, (value: CorpusEntry) => void, string[]]>([
    ["an error without its code", "openapi-2.16-401-without-request-id.json", (e) => delete (e.body as any).errors[0].code, ["body /errors/0/code is required but missing"]],
    ["another code on a documented 404", "openapi-2.16-404-without-request-id.json", (e) => ((e.body as any).errors[0].code = "content_snippet_not_found"), ['body /errors/0/code must be "not_found"']],
    ["a numeric request_id", "node-sdk-401-token-unauthorized.json", (e) => ((e.body as any).request_id = 42), ["body /request_id must be string,null"]],
    ["a rate-limit header that is not a number", "docs-rate-limit-200-headers.json", (e) => (e.headers!["X-RateLimit-Limit"] = "many"), ["header X-RateLimit-Limit: / must be integer"]],
    ["a user without its type", "go-sdk-user.json", (e) => delete (e.body as any).type, ["body /type is required but missing"]],
    ["a status with no documented response", "node-sdk-permanent-delete-200.json", (e) => (e.status = 302), ["permanentlyDeleteUser documents no response for 302"]],
  ])("%s (%s)", (_what, file, change, expected) => {
    const changed = entry(file);
    change(changed);
    expect(problems(contract, changed)).toEqual(expected);
  });
});
