import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { dump } from "js-yaml";
import type { Operation } from "../contract/index.js";
import type { GeneratedRequest } from "./types.js";
import type { Verdict } from "./verdict.js";

/** A template in a request string: `verify` would fill it, so a request holding one cannot be saved literally. */
const TEMPLATE = /\{\{\s*[\w.-]+\s*\}\}/;

export interface FailureCaseInput {
  apiName: string;
  /** The fuzz case's name under the API, e.g. "fuzz-archive-user-negative-length": the file and id derive from it. */
  name: string;
  operation: Operation;
  /** The shrunk counterexample. */
  generated: GeneratedRequest;
  verdict: Verdict;
  seed: number;
}

/** Whether an operation deletes for good: it is fuzzed, and its saved failures replayed, only when asked. */
export function isPermanentDelete(operation: Operation): boolean {
  return operation.extensions["x-permanent-delete"] === true;
}

/**
 * The counterexample as a case file (conformance/case.schema.json) that `verify --cases DIR`
 * replays with the same verdict; or why it cannot be one.
 */
export function failureCase(input: FailureCaseInput): { ok: true; file: string; text: string } | { ok: false; reason: string } {
  const { generated, verdict, operation } = input;
  if (TEMPLATE.test(JSON.stringify(generated.request))) return { ok: false, reason: "its request holds {{ … }}, which verify would take for a template" };
  const violation = generated.violation;
  const testCase = {
    id: `${input.apiName}/${input.name}-seed-${input.seed}`,
    title: violation ? `Fuzz: ${operation.operationId} refuses ${violation.detail}` : `Fuzz: ${operation.operationId} answers a valid request as documented`,
    source: `archive-kit fuzz --seed ${input.seed} --operation ${operation.operationId}${violation ? ` (negative: ${violation.kind} at ${violation.location})` : " (positive)"}`,
    operation: operation.operationId,
    tags: ["fuzz", ...(isPermanentDelete(operation) ? ["permanent-delete"] : [])],
    request: generated.request,
    expect: verdict.expect,
    ...(verdict.checks.length > 0 ? { checks: verdict.checks } : {}),
  };
  return { ok: true, file: `${input.name}-seed-${input.seed}.yaml`, text: dump(testCase, { lineWidth: -1, noRefs: true, flowLevel: 2 }) };
}

/** Writes a saved failure into `dir`, creating it; resolves to the file written. */
export async function writeFailureCase(dir: string, saved: { file: string; text: string }): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, saved.file);
  await writeFile(file, saved.text);
  return file;
}
