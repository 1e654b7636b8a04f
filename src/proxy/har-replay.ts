import { readFile } from "node:fs/promises";
import { parseJson } from "../conformance/http-exchange.js";
import type { CheckRegistry } from "../checks/registry.js";
import type { CaseResult, Exchange } from "../conformance/types.js";
import type { Contract } from "../contract/index.js";
import { describeCause, UserError } from "../errors.js";
import type { ApiPlugin } from "../plugin.js";
import { exchangeCase, pluginTrafficJudge } from "./judge-traffic.js";

interface HarNameValue {
  name: string;
  value: string;
}

interface HarEntry {
  request: { method: string; url: string; headers: HarNameValue[]; postData?: { text?: string } };
  response: { status: number; headers: HarNameValue[]; content?: { text?: string; encoding?: string } };
  time?: number;
  _archiveKit?: { target?: string };
}

/** The largest HAR file read whole: a recording bigger than this is split first. */
const MAX_HAR_BYTES = 256 * 1024 * 1024;

/**
 * Judges captured traffic with no server: each HAR entry is an exchange, judged in order by the
 * proxy's judge (both directions, the traffic's credentials and its users' states), one case each.
 * A masked credential (`***`) counts as present; what only its value could tell is not judged.
 */
export async function judgeHar(file: string, plugin: ApiPlugin, contract: Contract, checks: CheckRegistry): Promise<CaseResult[]> {
  const entries = await readEntries(file);
  const judge = pluginTrafficJudge(plugin, contract, checks);
  return entries.map((entry, index) => {
    const sequence = index + 1;
    const url = new URL(entry.request.url);
    const target = entry._archiveKit?.target ?? `${url.pathname}${url.search}`;
    const headers = Object.fromEntries(entry.request.headers.map(({ name, value }) => [name, value]));
    const lower = Object.fromEntries(entry.request.headers.map(({ name, value }) => [name.toLowerCase(), value]));
    const body = entry.request.postData?.text ?? "";
    const content = entry.response.content;
    const text = content?.encoding === "base64" ? Buffer.from(content.text ?? "", "base64").toString("utf8") : (content?.text ?? "");
    const answered = entry.response.status > 0;
    const exchange: Exchange = {
      request: { method: entry.request.method, url: entry.request.url, target, headers, body },
      ...(answered
        ? { response: { status: entry.response.status, headers: Object.fromEntries(entry.response.headers.map(({ name, value }) => [name.toLowerCase(), value])), text, json: parseJson(text) } }
        : { error: { kind: "refused" as const, message: "the recording holds no answer" } }),
      sequence,
      durationMs: Math.round(entry.time ?? 0),
    };
    const title = `#${sequence} ${entry.request.method} ${target}`;
    const { rule: _rule, ...step } = judge.judge(exchange, { headers: lower, query: url.searchParams }, parseJson(body), title);
    return exchangeCase(step, { sequence, source: `recorded traffic (${file})`, durationMs: exchange.durationMs });
  });
}

async function readEntries(file: string): Promise<HarEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UserError(`--har ${file} cannot be read: ${describeCause(error)} — pass a HAR file (proxy --har or a browser's export)`);
  }
  if (text.length > MAX_HAR_BYTES) throw new UserError(`--har ${file} is larger than ${MAX_HAR_BYTES / 1024 / 1024} MiB — split the recording`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(`--har ${file} is not JSON — pass a HAR 1.2 file`);
  }
  const entries = (parsed as { log?: { entries?: unknown } })?.log?.entries;
  if (!Array.isArray(entries)) throw new UserError(`--har ${file} has no log.entries — pass a HAR 1.2 file`);
  entries.forEach((entry, index) => {
    const item = entry as Partial<HarEntry>;
    const valid = typeof item?.request?.method === "string" && typeof item.request.url === "string" && Array.isArray(item.request.headers) && typeof item.response?.status === "number" && Array.isArray(item.response.headers);
    if (!valid || !URL.canParse(item.request!.url)) throw new UserError(`--har ${file}: entry ${index + 1} lacks request.method, request.url, headers or response.status — pass a HAR 1.2 file`);
  });
  return entries as HarEntry[];
}
