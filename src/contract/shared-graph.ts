/**
 * A JSON value whose objects may be shared (or cyclic), in a form JSON can hold: each object reached
 * more than once is stored once in `nodes`, and every place it appears is a patch. The build stores
 * a contract's dereferenced document so (scripts/bundle-contracts.mjs): reading it back is a
 * JSON.parse and one assignment per reference, where dereferencing again walks every node.
 */
export interface SharedGraph {
  /** The root first, then every shared object, each with `null` where another shared object goes. */
  nodes: unknown[];
  /** [the node holding the place, the keys leading to it from there, the node that goes there]. */
  patches: Array<[owner: number, path: Array<string | number>, target: number]>;
}

type Container = Record<string | number, unknown>;

const isContainer = (value: unknown): value is Container => typeof value === "object" && value !== null;

/** Writes `root` as a SharedGraph that `fromSharedGraph` turns back into the same shape and sharing. */
export function toSharedGraph(root: object): SharedGraph {
  const reached = new Map<object, number>();
  const count = (value: unknown): void => {
    if (!isContainer(value)) return;
    reached.set(value, (reached.get(value) ?? 0) + 1);
    if (reached.get(value) === 1) Object.values(value).forEach(count);
  };
  count(root);

  const index = new Map<object, number>([[root, 0]]);
  for (const [value, times] of reached) if (times > 1 && value !== root) index.set(value, index.size);
  const patches: SharedGraph["patches"] = [];
  const copy = (value: unknown, owner: number, path: Array<string | number>): unknown => {
    if (!isContainer(value)) return value;
    const entries = Object.entries(value).map(([key, child]): [string, unknown] => {
      const childPath = [...path, Array.isArray(value) ? Number(key) : key];
      const target = isContainer(child) ? index.get(child) : undefined;
      if (target === undefined) return [key, copy(child, owner, childPath)];
      patches.push([owner, childPath, target]);
      return [key, null];
    });
    return Array.isArray(value) ? entries.map(([, child]) => child) : Object.fromEntries(entries);
  };
  const nodes = [...index].map(([value, i]) => copy(value, i, []));
  return { nodes, patches };
}

/** The value a SharedGraph was written from: one object for each shared one, the same cycles. */
export function fromSharedGraph(graph: SharedGraph): unknown {
  for (const [owner, path, target] of graph.patches) {
    let holder = graph.nodes[owner] as Container;
    for (const key of path.slice(0, -1)) holder = holder[key] as Container;
    holder[path.at(-1)!] = graph.nodes[target];
  }
  return graph.nodes[0];
}
