import { chmod, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const cliPath = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/**
 * A shell command standing in for an implementation slow to start: after `delayS` seconds it
 * becomes the built CLI's stateful reference for `api` on `port` (a number, or a shell expression
 * such as "${INTERCOM_URL##*:}"), in the foreground, so that stopping it stops the server.
 */
export function lateReferenceCommand(api: string, port: number | string, delayS: number, mockArgs: string[] = []): string {
  return `sleep ${delayS} && exec "${process.execPath}" "${cliPath}" mock ${api} --stateful --port ${port} --quiet ${mockArgs.join(" ")}`.trimEnd();
}

/** Writes an executable shell script. */
export async function writeScript(file: string, body: string): Promise<void> {
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
}

/** A folder of PATH holding `archive-kit`, the built CLI, as a global install would. */
export async function archiveKitOnPath(binDir: string): Promise<string> {
  await writeScript(`${binDir}/archive-kit`, `exec "${process.execPath}" "${cliPath}" "$@"`);
  return `${binDir}:${process.env.PATH ?? ""}`;
}
