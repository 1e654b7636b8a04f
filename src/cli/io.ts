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

/**
 * DEL and the C1 controls (U+0080–U+009F) shown escaped: a terminal acts on them (U+009B starts a
 * control sequence, as ESC [ does), and they reach the output raw from a body JSON.stringify
 * quoted. Our own colours are C0 (ESC) sequences and pass; C0 in received text is escaped upstream.
 */
function terminalSafe(line: string): string {
  return line.replace(/[\u007f-\u009f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export const processIo: Io = {
  out: (line) => stdout.write(`${terminalSafe(line)}\n`),
  err: (line) => stderr.write(`${terminalSafe(line)}\n`),
};
