/**
 * An error the user can fix (a bad flag, a missing or malformed file, an unreachable server).
 * The CLI prints its message as one line and exits with code 2; no stack trace.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  readonly exitCode = 2;
}

export function describeCause(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.message;
  return String(error);
}
