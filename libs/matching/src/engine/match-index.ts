import type { MatchSpec } from '../spec/match-spec';
import { ruleKeyOf } from './blocking';
import { buildComparator, MISSING, type Comparator } from './comparisons';
import type { FellegiSunterParameters } from './fellegi-sunter';
import {
  PairDecision,
  PairScorer,
  probabilityOf,
  type PairDecisionName,
  PAIR_DECISIONS,
} from './matcher';
import {
  prepareRecords,
  type PreparedField,
  type PreparedRecords,
  type RawRecord,
} from './prepare';

/** One indexed record a query record may be. */
export interface IndexMatch {
  /** Index of the record in the rows the index was built from. */
  index: number;
  id: string;
  weight: number;
  probability: number;
  decision: PairDecisionName;
}

/**
 * One new record against many known ones, at once: the known records are
 * normalized and blocked once; a query normalizes only the new record, looks
 * up its blocking keys, and scores the records that share one, with
 * parameters already learned (by `matchRecords` over the registry). What the
 * registry needs when a department reports one new applicant record.
 */
export class MatchIndex {
  private readonly slot: number;
  private readonly blocks: Map<string, number[]>[];
  private readonly keys: ((i: number) => string | null)[];
  private readonly comparators: Comparator[];
  private readonly scorer: PairScorer;
  private readonly levels: Uint8Array;

  private constructor(
    private readonly spec: MatchSpec,
    private readonly records: PreparedRecords,
    parameters: FellegiSunterParameters,
  ) {
    // The last slot holds the record being queried; everything before it is indexed.
    this.slot = records.size - 1;
    this.keys = spec.blocking.map((rule) => ruleKeyOf(records, rule));
    this.blocks = this.keys.map((key) => {
      const map = new Map<string, number[]>();
      for (let i = 0; i < this.slot; i++) {
        const k = key(i);
        if (k === null) continue;
        const block = map.get(k);
        if (block) block.push(i);
        else map.set(k, [i]);
      }
      return map;
    });
    this.comparators = spec.comparisons.map((c) => buildComparator(c, records));
    this.scorer = new PairScorer(parameters, this.comparators);
    this.levels = new Uint8Array(this.comparators.length);
  }

  /** Indexes `rows` (column → text, as for `matchRecords`) for queries scored with `parameters`. */
  static build(
    spec: MatchSpec,
    parameters: FellegiSunterParameters,
    rows: readonly RawRecord[],
  ): MatchIndex {
    const blank: Record<string, string> = { [spec.id]: '\u0000query' };
    return new MatchIndex(spec, prepareRecords(spec, [[...rows, blank]]), parameters);
  }

  get size(): number {
    return this.slot;
  }

  /** The indexed records that may be `row`, strongest first (those at or above the review threshold). */
  query(row: RawRecord, limit = 10): IndexMatch[] {
    const single = prepareRecords(this.spec, [[row]]);
    for (const [name, field] of single.fields)
      copyInto(this.records.fields.get(name)!, field, this.slot);
    const seen = new Set<number>();
    const max = this.spec.maxBlockSize ?? 1000;
    for (let r = 0; r < this.keys.length; r++) {
      const key = this.keys[r](this.slot);
      if (key === null) continue;
      const block = this.blocks[r].get(key);
      if (!block || block.length > max) continue;
      for (const i of block) seen.add(i);
    }
    const out: IndexMatch[] = [];
    const { link, review } = this.spec.thresholds;
    for (const i of seen) {
      for (let c = 0; c < this.comparators.length; c++)
        this.levels[c] = this.comparators[c].level(i, this.slot);
      const weight = this.scorer.weight(i, this.slot, this.levels, 0);
      const probability = probabilityOf(weight);
      if (probability < review) continue;
      out.push({
        index: i,
        id: this.records.ids[i],
        weight,
        probability,
        decision: PAIR_DECISIONS[probability >= link ? PairDecision.LINK : PairDecision.REVIEW],
      });
    }
    out.sort((a, b) => b.weight - a.weight || a.index - b.index);
    return out.slice(0, limit);
  }

  /** Levels of the query record against indexed record `i`, for explanations. */
  levelsAgainst(i: number): number[] {
    return this.comparators.map((c) => (i === this.slot ? MISSING : c.level(i, this.slot)));
  }
}

function copyInto(target: PreparedField, source: PreparedField, slot: number): void {
  target.values[slot] = source.values[0];
  if (target.pinyin && source.pinyin) target.pinyin[slot] = source.pinyin[0];
  if (target.core && source.core) target.core[slot] = source.core[0];
  if (target.region && source.region) target.region[slot] = source.region[0];
  if (target.branch && source.branch) target.branch[slot] = source.branch[0];
  if (target.dates && source.dates) target.dates[slot] = source.dates[0];
  if (target.valid && source.valid) target.valid[slot] = source.valid[0];
}
