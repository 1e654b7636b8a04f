/** A one-line counter kept in place on a terminal, cleared before any other output. */
export interface Progress {
  show(text: string): void;
  clear(): void;
}

/** A progress line on `stream` when it is a terminal; none in CI logs and pipes, which get plain lines only. */
export function terminalProgress(stream: NodeJS.WriteStream): Progress | undefined {
  if (!stream.isTTY) return undefined;
  let shown = false;
  return {
    show(text) {
      const width = Math.max(10, (stream.columns || 80) - 1);
      stream.write(`\r\x1b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
    },
  };
}
