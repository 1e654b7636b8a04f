import { open, type FileHandle } from "node:fs/promises";
import type { Redactor } from "../conformance/redact.js";
import { storedExchange } from "../conformance/stored.js";
import type { StepResult } from "../conformance/types.js";
import { describeCause, UserError } from "../errors.js";
import { packageVersion } from "../package-root.js";

/** Writes every exchange a run judged, with its verdict: NDJSON, or HAR 1.2 for a file ending in .har. */
export interface ExchangeRecorder {
  record(result: StepResult, property: string): void;
  /** Writes what is pending and closes the file; resolves to the number of exchanges written. */
  close(): Promise<number>;
}

/** The verdict of one exchange as a recording keeps it: the checks that passed, and each failure and warning. */
function verdictOf(result: StepResult) {
  const finding = ({ check, title, where, received, expected }: StepResult["failures"][number]) => ({ check, title, where, received, expected });
  return { verdict: result.failures.length > 0 ? "failed" : "passed", passed: result.passed, failures: result.failures.map(finding), warnings: result.warnings.map(finding) };
}

const nameValues = (headers: Record<string, string>) => Object.entries(headers).map(([name, value]) => ({ name, value }));

/** One HAR 1.2 entry; archive-kit's own fields start with an underscore, as HAR allows. */
function harEntry(result: StepResult, property: string, startedAt: Date) {
  const { request, response, error, durationMs } = result.exchange;
  const url = new URL(request.url);
  const mimeOf = (headers: Record<string, string>) => headers["content-type"] ?? Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
  return {
    startedDateTime: startedAt.toISOString(),
    time: durationMs,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: nameValues(request.headers),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(request.body ? { postData: { mimeType: mimeOf(request.headers), text: request.body } } : {}),
      headersSize: -1,
      bodySize: Buffer.byteLength(request.body),
    },
    response: {
      status: response?.status ?? 0,
      statusText: "",
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: nameValues(response?.headers ?? {}),
      content: { size: Buffer.byteLength(response?.text ?? ""), mimeType: mimeOf(response?.headers ?? {}), text: response?.text ?? "" },
      redirectURL: "",
      headersSize: -1,
      bodySize: Buffer.byteLength(response?.text ?? ""),
      ...(error ? { _error: error } : {}),
    },
    cache: {},
    timings: { send: 0, wait: durationMs, receive: 0 },
    _archiveKit: { property, operationId: result.operationId, title: result.title, target: request.target, ...verdictOf(result) },
  };
}

/**
 * Opens `file` for a run's exchanges (refusing, with the fix, a path that cannot be written), every
 * secret the redactor knows masked. Lines are written as they come and never held: a long run's
 * recording costs no memory.
 */
export async function openRecorder(file: string, redactor: Redactor, flag = "--record"): Promise<ExchangeRecorder> {
  let handle: FileHandle;
  try {
    handle = await open(file, "w");
  } catch (error) {
    throw new UserError(`${flag} ${file} cannot be written: ${describeCause(error)} — pass a file in a folder that exists`);
  }
  const har = file.toLowerCase().endsWith(".har");
  let written = 0;
  let pending: Promise<unknown> = har ? handle.write(`{"log":{"version":"1.2","creator":{"name":"archive-kit","version":"${packageVersion()}"},"entries":[\n`) : Promise.resolve();
  return {
    record(result, property) {
      const stored = { ...result, exchange: storedExchange(result.exchange, redactor) };
      const line = har ? `${written > 0 ? ",\n" : ""}${JSON.stringify(harEntry(stored, property, new Date(Date.now() - stored.exchange.durationMs)))}` : `${JSON.stringify({ property, operationId: stored.operationId, title: stored.title, exchange: stored.exchange, ...verdictOf(stored) })}\n`;
      written++;
      pending = pending.then(() => handle.write(redactor.redact(line)));
    },
    async close() {
      await pending;
      if (har) await handle.write("\n]}}\n");
      await handle.close();
      return written;
    },
  };
}
