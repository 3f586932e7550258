import { initialsOfPinyin } from '../normalize';
import type { MatchSpec } from '../spec/match-spec';
import type { PreparedField, PreparedRecords } from './prepare';

/** Candidate pairs as two parallel columns of record indexes, left < right. */
export interface CandidatePairs {
  readonly count: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
}

export interface BlockingRuleReport {
  rule: string;
  /** New pairs this rule made (pairs an earlier rule made are not counted again). */
  pairs: number;
  blocks: number;
  /** Blocks over `maxBlockSize`, which made no pairs, and the records in them. */
  oversizedBlocks: number;
  recordsInOversizedBlocks: number;
}

export interface BlockingResult {
  pairs: CandidatePairs;
  rules: BlockingRuleReport[];
}

export const DEFAULT_MAX_BLOCK_SIZE = 1000;

type KeyFn = (i: number) => string | null;

function keyOf(records: PreparedRecords, key: string): KeyFn {
  const [name, transform] = key.split('.');
  const field = records.fields.get(name) as PreparedField;
  const v = field.values;
  const cut =
    (n: number, fromEnd: boolean): KeyFn =>
    (i) => {
      const s = v[i];
      if (s === null || [...s].length < n) return null;
      const cps = [...s];
      return (fromEnd ? cps.slice(-n) : cps.slice(0, n)).join('');
    };
  switch (transform) {
    case undefined:
      return (i) => v[i];
    case 'pinyin':
      return (i) => field.pinyin?.[i] ?? null;
    case 'initials':
      return (i) => {
        const p = field.pinyin?.[i];
        return p ? initialsOfPinyin(p) : null;
      };
    case 'core':
      return (i) => field.core?.[i] ?? null;
    case 'region':
      return (i) => field.region?.[i] ?? null;
    case 'year':
      return (i) => {
        const d = field.dates?.[i];
        return d ? String(d.year) : null;
      };
    case 'monthDay':
      return (i) => {
        const d = field.dates?.[i];
        return d ? `${d.month}-${d.day}` : null;
      };
    case 'valid':
      return (i) => (field.valid?.[i] ? v[i] : null);
    default: {
      const m = /^(prefix|suffix)(\d+)$/.exec(transform);
      if (!m) throw new Error(`unknown blocking transform ${transform}`);
      return cut(Number(m[2]), m[1] === 'suffix');
    }
  }
}

/** One rule's key of record i (null when any part is missing). */
export function ruleKeyOf(
  records: PreparedRecords,
  rule: readonly string[],
): (i: number) => string | null {
  const parts = rule.map((key) => keyOf(records, key));
  return (i) => {
    let key = '';
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p](i);
      if (part === null) return null;
      key += p === 0 ? part : `\u0000${part}`;
    }
    return key === '' ? null : key;
  };
}

/** One rule's key for every record. */
function ruleKeys(records: PreparedRecords, rule: readonly string[]): (string | null)[] {
  const key = ruleKeyOf(records, rule);
  const out = new Array<string | null>(records.size);
  for (let i = 0; i < records.size; i++) out[i] = key(i);
  return out;
}

class PairBuffer {
  left = new Int32Array(1 << 16);
  right = new Int32Array(1 << 16);
  count = 0;

  push(a: number, b: number): void {
    if (this.count === this.left.length) {
      const grow = (old: Int32Array) => {
        const next = new Int32Array(old.length * 2);
        next.set(old);
        return next;
      };
      this.left = grow(this.left);
      this.right = grow(this.right);
    }
    this.left[this.count] = a;
    this.right[this.count] = b;
    this.count++;
  }
}

/**
 * Candidate pairs from several blocking rules. A pair is made by the first
 * rule that puts both records in one block; later rules skip it by checking
 * the earlier rules' keys, so no set of pairs is ever held. Cost grows with
 * the sum of squared block sizes, which the block-size cap bounds: near-linear
 * in the records for realistic keys. In `link` mode only pairs from
 * different inputs are made.
 */
export function blockRecords(
  records: PreparedRecords,
  spec: Pick<MatchSpec, 'blocking' | 'maxBlockSize'>,
  mode: 'dedupe' | 'link' = 'dedupe',
): BlockingResult {
  const max = spec.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE;
  const keys: (string | null)[][] = [];
  const buffer = new PairBuffer();
  const reports: BlockingRuleReport[] = [];
  const source = records.source;
  for (const rule of spec.blocking) {
    const mine = ruleKeys(records, rule);
    const blocks = new Map<string, number[]>();
    for (let i = 0; i < records.size; i++) {
      const key = mine[i];
      if (key === null) continue;
      const block = blocks.get(key);
      if (block) block.push(i);
      else blocks.set(key, [i]);
    }
    const report: BlockingRuleReport = {
      rule: rule.join(' + '),
      pairs: 0,
      blocks: 0,
      oversizedBlocks: 0,
      recordsInOversizedBlocks: 0,
    };
    for (const block of blocks.values()) {
      if (block.length < 2) continue;
      report.blocks++;
      if (block.length > max) {
        report.oversizedBlocks++;
        report.recordsInOversizedBlocks += block.length;
        continue;
      }
      for (let x = 0; x < block.length; x++) {
        const a = block[x];
        for (let y = x + 1; y < block.length; y++) {
          const b = block[y];
          if (mode === 'link' && source[a] === source[b]) continue;
          let seen = false;
          for (let r = 0; r < keys.length && !seen; r++) {
            const earlier = keys[r];
            seen = earlier[a] !== null && earlier[a] === earlier[b];
          }
          if (seen) continue;
          buffer.push(a, b);
          report.pairs++;
        }
      }
    }
    keys.push(mine);
    reports.push(report);
  }
  return {
    pairs: {
      count: buffer.count,
      left: buffer.left.subarray(0, buffer.count),
      right: buffer.right.subarray(0, buffer.count),
    },
    rules: reports,
  };
}

/**
 * Share of the true pairs (records with the same truth key) that blocking
 * made candidates. `truth` maps record index → entity key.
 */
export function blockingRecall(
  pairs: CandidatePairs,
  truth: readonly (string | null)[],
  size: number,
  source?: Int32Array,
): { truePairs: number; found: number; recall: number } {
  // Sorted pair codes and binary search: a Set would hold at most 2^24 pairs.
  const codes = new Float64Array(pairs.count);
  for (let k = 0; k < pairs.count; k++) codes[k] = pairs.left[k] * size + pairs.right[k];
  codes.sort();
  const isCandidate = (code: number) => {
    let lo = 0;
    let hi = codes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (codes[mid] === code) return true;
      if (codes[mid] < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  const groups = new Map<string, number[]>();
  for (let i = 0; i < size; i++) {
    const key = truth[i];
    if (key === null) continue;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  let truePairs = 0;
  let found = 0;
  for (const g of groups.values()) {
    for (let x = 0; x < g.length; x++)
      for (let y = x + 1; y < g.length; y++) {
        if (source && source[g[x]] === source[g[y]]) continue;
        truePairs++;
        if (isCandidate(g[x] * size + g[y])) found++;
      }
  }
  return { truePairs, found, recall: truePairs === 0 ? 1 : found / truePairs };
}
