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
