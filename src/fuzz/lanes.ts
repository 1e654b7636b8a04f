/**
 * Runs `count` tasks, at most `lanes` at a time, each started in index order, and hands each
 * task's value to `onDone` in index order (a later task's waits for the earlier ones'): whatever
 * the number of lanes, what is reported comes in the same order.
 */
export async function runInLanes<T>(count: number, lanes: number, run: (index: number) => Promise<T>, onDone: (value: T, index: number) => void): Promise<void> {
  const done = new Map<number, T>();
  let next = 0;
  let reported = 0;
  const flush = () => {
    while (done.has(reported)) {
      const value = done.get(reported)!;
      done.delete(reported);
      onDone(value, reported++);
    }
  };
  const lane = async () => {
    while (next < count) {
      const index = next++;
      done.set(index, await run(index));
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, count)) }, lane));
}
