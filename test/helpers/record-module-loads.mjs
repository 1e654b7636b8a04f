// Given to a process with `--import`: appends the URL of every module it loads through the ES
// module loader, one a line, to the file RECORD_MODULE_LOADS names. The hooks run on a thread of
// their own, which imports this file again: only the main thread registers them.
import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

if (isMainThread) register(import.meta.url);

export async function load(url, context, nextLoad) {
  appendFileSync(process.env.RECORD_MODULE_LOADS, `${url}\n`);
  return nextLoad(url, context);
}
