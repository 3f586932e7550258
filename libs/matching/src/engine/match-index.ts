import type { MatchSpec } from '../spec/match-spec';
import { ruleKeyOf } from './blocking';
import type { CannotLinkConstraint } from './clustering';
import { buildComparator, MISSING, type Comparator } from './comparisons';
import type { FellegiSunterParameters } from './fellegi-sunter';
import {
  cannotLinkConstraints,
  PairDecision,
  PairScorer,
  probabilityOf,
  type MatchRun,
  type PairDecisionName,
  type PairExplanation,
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
  /** Position of the record in the index (the rows it was built from, then those added). */
  index: number;
  id: string;
  weight: number;
  probability: number;
  decision: PairDecisionName;
}

/** The columns a prepared field may carry, each one value per record. */
const COLUMNS = ['values', 'pinyin', 'core', 'region', 'branch', 'dates', 'valid'] as const;

/**
 * One new record against many known ones, at once: the known records are
 * normalized and blocked once; a query normalizes only the new record, looks
 * up its blocking keys, and scores the records that share one, with
 * parameters already learned (by `matchRecords` over the registry). Records
 * can be added and replaced as a registry receives them, so the index stays
 * what the registry holds without being built again. What the registry needs
 * when a department reports one new or changed applicant record.
 */
export class MatchIndex {
  /** The slot past the indexed records that holds the record being queried. */
  private slot: number;
  private readonly blocks: Map<string, number[]>[];
  private readonly keys: ((i: number) => string | null)[];
  private readonly comparators: Comparator[];
  private readonly constraints: CannotLinkConstraint[];
  private readonly scorer: PairScorer;
  private readonly levels: Uint8Array;
  private readonly position = new Map<string, number>();

  private constructor(
    private readonly spec: MatchSpec,
    private readonly records: PreparedRecords,
    parameters: FellegiSunterParameters,
  ) {
    this.slot = records.size;
    openSlot(records);
    this.keys = spec.blocking.map((rule) => ruleKeyOf(records, rule));
    this.blocks = this.keys.map(() => new Map<string, number[]>());
    for (let i = 0; i < this.slot; i++) {
      this.position.set(records.ids[i], i);
      this.file(i);
    }
    this.comparators = spec.comparisons.map((c) => buildComparator(c, records));
    this.constraints = cannotLinkConstraints(spec, records);
    this.scorer = new PairScorer(parameters, this.comparators);
    this.levels = new Uint8Array(this.comparators.length);
  }

  /** Indexes `rows` (column → text, as for `matchRecords`) for queries scored with `parameters`. */
  static build(
    spec: MatchSpec,
    parameters: FellegiSunterParameters,
    rows: readonly RawRecord[],
  ): MatchIndex {
    return new MatchIndex(spec, prepareRecords(spec, [rows]), parameters);
  }

  /**
   * Indexes the records a `matchRecords` run prepared, with the parameters it
   * learned, without normalizing them again. The run's records become the
   * index's: the run must not be used afterwards.
   */
  static fromRun(spec: MatchSpec, run: MatchRun): MatchIndex {
    return new MatchIndex(spec, run.records, run.parameters);
  }

  /** How many records are indexed. */
  get size(): number {
    return this.slot;
  }

  /** The index position of the record with this id, if indexed. */
  positionOf(id: string): number | undefined {
    return this.position.get(id);
  }

  /** The indexed records that may be `row`, strongest first (those at or above the review threshold). */
  query(row: RawRecord, limit = 10): IndexMatch[] {
    this.load(row, this.slot);
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
      const weight = this.weightAgainst(i);
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

  /** Why indexed record `i` and the record last queried score what they do. */
  explain(i: number): PairExplanation {
    this.weightAgainst(i);
    const explanation = this.scorer.explain(i, this.slot, this.levels, 0);
    const { link, review } = this.spec.thresholds;
    return {
      left: this.records.ids[i],
      right: this.records.ids[this.slot] ?? '',
      ...explanation,
      decision:
        PAIR_DECISIONS[
          explanation.probability >= link
            ? PairDecision.LINK
            : explanation.probability >= review
              ? PairDecision.REVIEW
              : PairDecision.NO_LINK
        ],
    };
  }

  /** Levels of the query record against indexed record `i`, for explanations. */
  levelsAgainst(i: number): number[] {
    return this.comparators.map((c) => (i === this.slot ? MISSING : c.level(i, this.slot)));
  }

  /**
   * Adds a record (its id in the spec's id column) so later queries find it;
   * a record already indexed under that id is replaced. Returns its position.
   */
  add(row: RawRecord): number {
    const id = row[this.spec.id];
    if (typeof id !== 'string' || id === '') throw new Error(`the record has no ${this.spec.id}`);
    const known = this.position.get(id);
    if (known !== undefined) {
      this.unfile(known);
      this.load(row, known);
      this.file(known);
      return known;
    }
    const at = this.slot;
    this.load(row, at);
    this.records.ids[at] = id;
    this.position.set(id, at);
    this.file(at);
    this.slot++;
    openSlot(this.records);
    return at;
  }

  /**
   * The cannot-link rule that keeps indexed records `i` and `j` apart (two
   * different valid identifiers, a branch and its parent), or null.
   */
  conflict(i: number, j: number): string | null {
    for (const c of this.constraints) {
      const a = c.value(i);
      const b = c.value(j);
      if (a !== undefined && b !== undefined && a !== b) return c.name;
    }
    return null;
  }

  private weightAgainst(i: number): number {
    for (let c = 0; c < this.comparators.length; c++)
      this.levels[c] = this.comparators[c].level(i, this.slot);
    return this.scorer.weight(i, this.slot, this.levels, 0);
  }

  /** Normalizes `row` into position `at` of every column. */
  private load(row: RawRecord, at: number): void {
    const single = prepareRecords(this.spec, [[{ [this.spec.id]: '\u0000query', ...row }]]);
    for (const [name, field] of single.fields) copyInto(this.records.fields.get(name)!, field, at);
  }

  /** Files record `i` under each blocking rule's key. */
  private file(i: number): void {
    for (let r = 0; r < this.keys.length; r++) {
      const k = this.keys[r](i);
      if (k === null) continue;
      const block = this.blocks[r].get(k);
      if (block) block.push(i);
      else this.blocks[r].set(k, [i]);
    }
  }

  /** Takes record `i` out of its blocks (before its values change). */
  private unfile(i: number): void {
    for (let r = 0; r < this.keys.length; r++) {
      const k = this.keys[r](i);
      if (k === null) continue;
      const block = this.blocks[r].get(k);
      const at = block?.indexOf(i) ?? -1;
      if (at < 0) continue;
      block!.splice(at, 1);
      if (block!.length === 0) this.blocks[r].delete(k);
    }
  }
}

/** Appends one empty position to every column: the slot queries use. */
function openSlot(records: PreparedRecords): void {
  for (const field of records.fields.values()) {
    for (const column of COLUMNS) {
      const values = field[column] as unknown[] | undefined;
      if (values) values.push(column === 'valid' ? 0 : null);
    }
  }
}

function copyInto(target: PreparedField, source: PreparedField, at: number): void {
  for (const column of COLUMNS) {
    const to = target[column] as unknown[] | undefined;
    const from = source[column] as unknown[] | undefined;
    if (to && from) to[at] = from[0];
  }
}
