/** Where the CLI writes: stdout and stderr, one line at a time (tests pass their own). */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * A reader that stops early (`verify … | head`) closes the pipe: what is left to print is dropped,
 * and the run goes on to write its reports and exit with its verdict, instead of dying with a stack.
 */
function ignoringClosedPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  return stream;
}

const stdout = ignoringClosedPipe(process.stdout);
const stderr = ignoringClosedPipe(process.stderr);

export const processIo: Io = {
  out: (line) => stdout.write(`${line}\n`),
  err: (line) => stderr.write(`${line}\n`),
};
