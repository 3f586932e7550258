/**
 * A rule that keeps records apart: `value(i)` is a record's value for it,
 * undefined when the record says nothing. Two clusters whose values are both
 * known and differ never join.
 */
export interface CannotLinkConstraint {
  readonly name: string;
  value(i: number): string | undefined;
}

export interface Clustering {
  /** Dense cluster number of every record (0 … clusters − 1). */
  clusterOf: Int32Array;
  clusters: number;
  /** For each pair offered: 1 when a cannot-link rule refused it. */
  refused: Uint8Array;
  /** Which rule refused each refused pair (index into the constraints), −1 otherwise. */
  refusedBy: Int8Array;
}

/**
 * Joins records pair by pair, strongest evidence first (union–find), refusing
 * any join that would put two known, different values of a cannot-link rule
 * in one cluster: two valid credit codes, a branch and its parent. Greedy by
 * weight, so a weak link cannot drag in a record that a strong one has
 * already placed elsewhere.
 */
export function clusterPairs(
  size: number,
  left: Int32Array,
  right: Int32Array,
  weight: Float64Array,
  linkable: (pair: number) => boolean,
  constraints: readonly CannotLinkConstraint[],
): Clustering {
  const parent = new Int32Array(size);
  for (let i = 0; i < size; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  // Per root, per rule: the value the cluster holds (undefined: none known yet).
  const state = constraints.map((c) => {
    const values = new Array<string | undefined>(size);
    for (let i = 0; i < size; i++) values[i] = c.value(i);
    return values;
  });
  const order: number[] = [];
  for (let p = 0; p < left.length; p++) if (linkable(p)) order.push(p);
  order.sort((a, b) => weight[b] - weight[a] || a - b);
  const refused = new Uint8Array(left.length);
  const refusedBy = new Int8Array(left.length).fill(-1);
  for (const p of order) {
    const a = find(left[p]);
    const b = find(right[p]);
    if (a === b) continue;
    let conflict = -1;
    for (let r = 0; r < state.length && conflict < 0; r++) {
      const va = state[r][a];
      const vb = state[r][b];
      if (va !== undefined && vb !== undefined && va !== vb) conflict = r;
    }
    if (conflict >= 0) {
      refused[p] = 1;
      refusedBy[p] = conflict;
      continue;
    }
    parent[b] = a;
    for (const values of state) if (values[a] === undefined) values[a] = values[b];
  }
  const clusterOf = new Int32Array(size);
  const dense = new Map<number, number>();
  for (let i = 0; i < size; i++) {
    const root = find(i);
    let id = dense.get(root);
    if (id === undefined) {
      id = dense.size;
      dense.set(root, id);
    }
    clusterOf[i] = id;
  }
  return { clusterOf, clusters: dense.size, refused, refusedBy };
}
