/**
 * Finds a free value in a finite space of `size` candidates by linear probing:
 * it starts at `start` and steps by one, wrapping around, so it tries every
 * candidate at most once. However full the space gets, it ends — with
 * `undefined` once nothing is left — instead of drawing again and again.
 *
 * `candidate(index)` returns the value for that index, or `undefined` when the
 * value is taken (or not allowed).
 */
export function probeFree<T>(
  size: number,
  start: number,
  candidate: (index: number) => T | undefined,
): T | undefined {
  if (!Number.isSafeInteger(size) || size <= 0) return undefined;
  const first = ((Math.floor(start) % size) + size) % size;
  for (let step = 0; step < size; step++) {
    const found = candidate((first + step) % size);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A finite space that is searched again and again (one county's company names,
 * one area code's ID numbers …), probed exactly like {@link probeFree} but
 * remembering every candidate it found unavailable, so no search walks the same
 * taken run twice. With plain probing, a search that starts in a long run of
 * taken candidates tries them all again, and the run grows as the space fills,
 * so filling a space took quadratic time. Here each candidate is turned down
 * at most once: a taken run is jumped in near-constant time (a "next free"
 * union–find with path compression, stored sparsely, so a space of millions
 * costs memory only for what was taken).
 *
 * The answer is always the one `probeFree` gives, provided `candidate` is the
 * same function of the index on every search and an unavailable candidate stays
 * unavailable (values are only ever taken, never given back). The candidate a
 * search returns is not marked: the caller may not use it, and a later search
 * finds out in one call if it did.
 */
export class ProbeSpace {
  /**
   * For an index known to be unavailable: an index further on such that every
   * index from here up to (not including) it is unavailable too.
   */
  private readonly skip = new Map<number, number>();

  probe<T>(
    size: number,
    start: number,
    candidate: (index: number) => T | undefined,
  ): T | undefined {
    if (!Number.isSafeInteger(size) || size <= 0) return undefined;
    const first = ((Math.floor(start) % size) + size) % size;
    const found = this.scan(first, size, candidate);
    return found !== undefined || first === 0 ? found : this.scan(0, first, candidate);
  }

  /** The first available candidate in [from, to), in order. */
  private scan<T>(
    from: number,
    to: number,
    candidate: (index: number) => T | undefined,
  ): T | undefined {
    for (let index = this.nextUnknown(from); index < to; index = this.nextUnknown(index + 1)) {
      const found = candidate(index);
      if (found !== undefined) return found;
      this.skip.set(index, index + 1);
    }
    return undefined;
  }

  /** The first index from `index` on that is not known to be unavailable. */
  private nextUnknown(index: number): number {
    let end = index;
    for (let next = this.skip.get(end); next !== undefined; next = this.skip.get(end)) end = next;
    // Path compression: everything on the way now points straight past the run.
    for (let at = index; at !== end;) {
      const next = this.skip.get(at) as number;
      this.skip.set(at, end);
      at = next;
    }
    return end;
  }
}

/** Reads `index` as digits of a mixed radix, least significant first. */
export function mixedRadix(index: number, radices: readonly number[]): number[] {
  const digits: number[] = [];
  let rest = index;
  for (const radix of radices) {
    digits.push(rest % radix);
    rest = Math.floor(rest / radix);
  }
  return digits;
}

/** The index whose mixed-radix digits are `digits` (least significant first). */
export function fromMixedRadix(digits: readonly number[], radices: readonly number[]): number {
  let index = 0;
  for (let i = radices.length - 1; i >= 0; i--) index = index * radices[i] + digits[i];
  return index;
}
