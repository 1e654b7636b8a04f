import { lstat, mkdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { dump } from "js-yaml";
import { describeCause, UserError } from "../errors.js";
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

/** Refuses a --save-failures folder that is a symbolic link or no folder at all: failures would go wherever it points. */
export async function assertSaveFailuresDir(dir: string): Promise<void> {
  const found = await lstat(dir).catch(() => undefined);
  if (found?.isSymbolicLink()) throw new UserError(`--save-failures ${dir} is a symbolic link, which archive-kit never writes through — pass the folder it points to, or a new one`);
  if (found && !found.isDirectory()) throw new UserError(`--save-failures ${dir} is not a folder — pass a folder, or a path that does not exist yet`);
}

/**
 * Writes a saved failure into `dir`, creating it; resolves to the file written, or why it was not.
 * Never through a symbolic link: a link at the folder or at the file's (predictable) name is
 * refused, an earlier run's file is removed, and the new one is created exclusively (O_EXCL), so
 * a link or file put there meanwhile makes the write fail rather than land elsewhere.
 */
export async function writeFailureCase(dir: string, saved: { file: string; text: string }): Promise<{ ok: true; file: string } | { ok: false; reason: string }> {
  await mkdir(dir, { recursive: true });
  if ((await lstat(dir)).isSymbolicLink()) return { ok: false, reason: `${dir} became a symbolic link during the run` };
  const file = path.join(dir, saved.file);
  const earlier = await lstat(file).catch(() => undefined);
  if (earlier?.isSymbolicLink()) return { ok: false, reason: `${file} is a symbolic link, which archive-kit never writes through` };
  if (earlier && !earlier.isFile()) return { ok: false, reason: `${file} exists and is not a file` };
  if (earlier) await unlink(file);
  try {
    await writeFile(file, saved.text, { flag: "wx" });
  } catch (error) {
    return { ok: false, reason: `${file} could not be created: ${describeCause(error)}` };
  }
  return { ok: true, file };
}
