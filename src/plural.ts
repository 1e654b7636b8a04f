/** "1 case", "2 cases", "0 cases": a count and its noun, for whatever a run prints. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
