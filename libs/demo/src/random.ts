/**
 * A seeded pseudo-random stream (mulberry32, public domain). Small and fast, and
 * deterministic on every platform because it only uses 32-bit integer maths.
 * Good enough for demo data; never use it for anything secret.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * An independent stream for one part of the output, derived from the seed and
   * a label rather than from another stream's position, so adding draws in one
   * part never shifts the values of another.
   */
  static derive(seed: number, label: string): Random {
    // FNV-1a over the label, mixed with the seed.
    let hash = 0x811c9dc5;
    for (let i = 0; i < label.length; i++) {
      hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
    }
    return new Random(Math.imul(hash ^ (seed >>> 0), 0x9e3779b1) ^ (seed >>> 0));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`Random.int: empty range [${min}, ${max}]`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Random.pick: no items');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by relative weight; weights need not add up to anything in particular. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    if (!(total > 0)) throw new RangeError('Random.weighted: no positive weight');
    let r = this.next() * total;
    for (const [item, weight] of items) {
      r -= weight;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** `length` decimal digits, leading zeros allowed. */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.int(0, 9));
    return out;
  }
}
