/**
 * A rule that keeps records apart: `value(i)` is a record's value for it,
 * undefined when the record says nothing. Two clusters whose values are both
 * known and differ never join.
 */
export interface CannotLinkConstraint {
  readonly name: string;
  value(i: number): string | undefined;
}

/** Decisions people made, which clustering obeys before any score. */
export interface ClusteringDecisions {
  /** Record pairs that are one applicant (e.g. a merge someone decided): joined first, unchecked. */
  together?: readonly (readonly [number, number])[];
  /** Record pairs that are not (a review answered "keep apart", a split): never joined, even through others. */
  apart?: readonly (readonly [number, number])[];
}

export interface Clustering {
  /** Dense cluster number of every record (0 … clusters − 1). */
  clusterOf: Int32Array;
  clusters: number;
  /** For each pair offered: 1 when a cannot-link rule refused it. */
  refused: Uint8Array;
  /**
   * Which rule refused each refused pair: an index into the constraints, or
   * `constraints.length` for a person's "keep apart"; −1 when not refused.
   */
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
  decisions: ClusteringDecisions = {},
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
  // Per root: records that must never share its cluster (from `apart`).
  const forbidden = new Map<number, number[]>();
  for (const [a, b] of decisions.apart ?? []) {
    (forbidden.get(a) ?? forbidden.set(a, []).get(a)!).push(b);
    (forbidden.get(b) ?? forbidden.set(b, []).get(b)!).push(a);
  }
  const kept = (ra: number, rb: number): boolean => {
    const [small, other] =
      (forbidden.get(ra)?.length ?? 0) <= (forbidden.get(rb)?.length ?? 0) ? [ra, rb] : [rb, ra];
    for (const x of forbidden.get(small) ?? []) if (find(x) === other) return true;
    return false;
  };
  const join = (ra: number, rb: number) => {
    parent[rb] = ra;
    for (const values of state) if (values[ra] === undefined) values[ra] = values[rb];
    const moving = forbidden.get(rb);
    if (moving) {
      const into = forbidden.get(ra);
      if (into) into.push(...moving);
      else forbidden.set(ra, moving);
      forbidden.delete(rb);
    }
  };
  for (const [a, b] of decisions.together ?? []) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) join(ra, rb);
  }
  const order: number[] = [];
  for (let p = 0; p < left.length; p++) if (linkable(p)) order.push(p);
  order.sort((a, b) => weight[b] - weight[a] || a - b);
  const refused = new Uint8Array(left.length);
  const refusedBy = new Int8Array(left.length).fill(-1);
  for (const p of order) {
    const a = find(left[p]);
    const b = find(right[p]);
    if (a === b) continue;
    if (kept(a, b)) {
      refused[p] = 1;
      refusedBy[p] = constraints.length;
      continue;
    }
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
    join(a, b);
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
