import type { MatchSpec } from '../spec/match-spec';
import { blockRecords, type BlockingResult } from './blocking';
import { clusterPairs, type CannotLinkConstraint, type ClusteringDecisions } from './clustering';
import { buildComparator, MISSING, type Comparator } from './comparisons';
import {
  comparisonVectors,
  estimateParameters,
  estimateU,
  TermFrequencies,
  type FellegiSunterParameters,
} from './fellegi-sunter';
import { prepareRecords, type PreparedRecords, type RawRecord } from './prepare';

/**
 * What became of a scored pair, stored as a number per pair:
 * NO_LINK below the review threshold (kept apart); REVIEW between the
 * thresholds (a person decides); LINK at or above the link threshold, and
 * joined; CANNOT_LINK at or above it, but a cannot-link rule keeps the records apart.
 */
export const PairDecision = { NO_LINK: 0, REVIEW: 1, LINK: 2, CANNOT_LINK: 3 } as const;
export type PairDecisionName = keyof typeof PairDecision;
/** Decision names by their number. */
export const PAIR_DECISIONS: readonly PairDecisionName[] = [
  'NO_LINK',
  'REVIEW',
  'LINK',
  'CANNOT_LINK',
];

export interface ComparisonEvidence {
  comparison: string;
  level: string;
  /** Bits of evidence for (positive) or against (negative) a match. */
  weight: number;
  /** Set when term frequency changed the weight of an exact agreement. */
  termFrequencyAdjusted?: boolean;
}

/** Why a pair scored what it did: the prior and each comparison's weight. */
export interface PairExplanation {
  left: string;
  right: string;
  prior: number;
  weight: number;
  probability: number;
  decision: PairDecisionName;
  /** The rule that refused a link, when one did. */
  refusedBy?: string;
  evidence: ComparisonEvidence[];
}

export interface MatchStageTimings {
  prepareMs: number;
  blockingMs: number;
  compareMs: number;
  estimateMs: number;
  scoreMs: number;
  clusterMs: number;
}

export interface MatchRun {
  readonly records: PreparedRecords;
  readonly blocking: BlockingResult;
  readonly parameters: FellegiSunterParameters;
  /** Candidate pairs with their scores; index p throughout. */
  readonly pairs: {
    count: number;
    left: Int32Array;
    right: Int32Array;
    weight: Float64Array;
    probability: Float64Array;
    decision: Uint8Array;
  };
  readonly clusterOf: Int32Array;
  readonly clusters: number;
  readonly timings: MatchStageTimings;
  /** Records in a REVIEW pair whose two sides did not end up in one cluster anyway. */
  readonly recordsInReview: number;
  explain(pair: number): PairExplanation;
}

export interface MatchOptions {
  mode?: 'dedupe' | 'link';
  /** Called between stages, e.g. for a progress bar. */
  onStage?: (stage: keyof MatchStageTimings) => void;
  /** People's decisions, by record index: kept whatever the scores say. */
  decisions?: ClusteringDecisions;
}

/** How many pairs could be compared at all: every pair, or in `link` mode every pair across inputs. */
function comparablePairs(records: PreparedRecords, mode: 'dedupe' | 'link'): number {
  const n = records.size;
  if (mode === 'dedupe') return (n * (n - 1)) / 2;
  const perSource = new Map<number, number>();
  for (const s of records.source) perSource.set(s, (perSource.get(s) ?? 0) + 1);
  let same = 0;
  for (const c of perSource.values()) same += (c * (c - 1)) / 2;
  return (n * (n - 1)) / 2 - same;
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/** The spec's cannot-link rules over prepared records. */
export function cannotLinkConstraints(
  spec: MatchSpec,
  records: PreparedRecords,
): CannotLinkConstraint[] {
  return (spec.cannotLink ?? []).map((rule) => {
    const field = records.fields.get(rule.field)!;
    if (rule.rule === 'differentValidIdentifiers') {
      return {
        name: `${rule.field}: two different valid identifiers`,
        value: (i) => (field.valid?.[i] && field.values[i] !== null ? field.values[i] : undefined),
      };
    }
    return {
      name: `${rule.field}: a branch is not its parent`,
      // '' is a head office; a branch carries its designation; no name says nothing.
      value: (i) => (field.values[i] === null ? undefined : (field.branch?.[i] ?? '')),
    };
  });
}

/**
 * Resolves records into entities: normalize → block → compare → estimate
 * (EM, no labels) → score → cluster with cannot-link rules. Deduplicates one
 * input, or links several (`mode: 'link'`: only pairs across inputs).
 */
export function matchRecords(
  spec: MatchSpec,
  inputs: readonly (readonly RawRecord[])[],
  options: MatchOptions = {},
): MatchRun {
  const mode = options.mode ?? 'dedupe';
  const stage = options.onStage ?? (() => undefined);
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  stage('prepareMs');
  const records = prepareRecords(spec, inputs);
  const prepareMs = lap();
  stage('blockingMs');
  const blocking = blockRecords(records, spec, mode);
  const blockingMs = lap();
  stage('compareMs');
  const comparators = spec.comparisons.map((c) => buildComparator(c, records));
  const vectors = comparisonVectors(comparators, blocking.pairs);
  const compareMs = lap();
  stage('estimateMs');
  const randomPairs = spec.em?.randomPairs ?? 1_000_000;
  const u = estimateU(comparators, records, randomPairs, spec.em?.seed ?? 20261125, mode);
  const parameters = estimateParameters(comparators, vectors, u, {
    maxIterations: spec.em?.maxIterations ?? 200,
    randomPairs,
    comparablePairs: comparablePairs(records, mode),
  });
  const estimateMs = lap();
  stage('scoreMs');
  const scorer = new PairScorer(parameters, comparators);
  const { count, left, right } = blocking.pairs;
  const k = comparators.length;
  const weight = new Float64Array(count);
  const probability = new Float64Array(count);
  const decision = new Uint8Array(count);
  for (let p = 0; p < count; p++) {
    const w = scorer.weight(left[p], right[p], vectors, p * k);
    weight[p] = w;
    const prob = probabilityOf(w);
    probability[p] = prob;
    decision[p] =
      prob >= spec.thresholds.link
        ? PairDecision.LINK
        : prob >= spec.thresholds.review
          ? PairDecision.REVIEW
          : PairDecision.NO_LINK;
  }
  const scoreMs = lap();
  stage('clusterMs');
  const constraints = cannotLinkConstraints(spec, records);
  const clustering = clusterPairs(
    records.size,
    left,
    right,
    weight,
    (p) => decision[p] === PairDecision.LINK,
    constraints,
    options.decisions,
  );
  for (let p = 0; p < count; p++) if (clustering.refused[p]) decision[p] = PairDecision.CANNOT_LINK;
  const inReview = new Set<number>();
  for (let p = 0; p < count; p++) {
    if (
      decision[p] === PairDecision.REVIEW &&
      clustering.clusterOf[left[p]] !== clustering.clusterOf[right[p]]
    ) {
      inReview.add(left[p]);
      inReview.add(right[p]);
    }
  }
  const clusterMs = lap();
  return {
    records,
    blocking,
    parameters,
    pairs: { count, left, right, weight, probability, decision },
    clusterOf: clustering.clusterOf,
    clusters: clustering.clusters,
    timings: { prepareMs, blockingMs, compareMs, estimateMs, scoreMs, clusterMs },
    recordsInReview: inReview.size,
    explain: (p) => {
      const explanation = scorer.explain(left[p], right[p], vectors, p * k);
      const refused = clustering.refusedBy[p];
      return {
        left: records.ids[left[p]],
        right: records.ids[right[p]],
        ...explanation,
        decision: PAIR_DECISIONS[decision[p]],
        ...(refused >= 0
          ? { refusedBy: constraints[refused]?.name ?? 'a person decided to keep them apart' }
          : {}),
      };
    },
  };
}

/** Weights of a pair from learned parameters, with term-frequency adjustment. */
export class PairScorer {
  readonly prior: number;
  private readonly weights: Float64Array[];
  private readonly tf: (TermFrequencies | null)[];

  constructor(
    private readonly parameters: FellegiSunterParameters,
    private readonly comparators: readonly Comparator[],
  ) {
    this.prior = Math.log2(parameters.matchProbability / (1 - parameters.matchProbability));
    this.weights = parameters.comparisons.map((c) => Float64Array.from(c.levels, (l) => l.weight));
    this.tf = comparators.map((c) =>
      c.spec.termFrequency ? new TermFrequencies(c.field.values) : null,
    );
  }

  private levelWeight(c: number, level: number, i: number): { weight: number; adjusted: boolean } {
    const tf = this.tf[c];
    const comparator = this.comparators[c];
    if (tf && level === comparator.exactLevel) {
      const value = comparator.field.values[i];
      if (value !== null) {
        const m = this.parameters.comparisons[c].levels[level].m;
        return { weight: Math.log2(m / tf.frequency(value)), adjusted: true };
      }
    }
    return { weight: this.weights[c][level], adjusted: false };
  }

  weight(i: number, _j: number, vectors: Uint8Array, offset: number): number {
    let w = this.prior;
    for (let c = 0; c < this.comparators.length; c++) {
      const level = vectors[offset + c];
      if (level !== MISSING) w += this.levelWeight(c, level, i).weight;
    }
    return w;
  }

  explain(
    i: number,
    _j: number,
    vectors: Uint8Array,
    offset: number,
  ): Pick<PairExplanation, 'prior' | 'weight' | 'probability' | 'evidence'> {
    const evidence: ComparisonEvidence[] = [];
    let total = this.prior;
    for (let c = 0; c < this.comparators.length; c++) {
      const level = vectors[offset + c];
      const { weight, adjusted } =
        level === MISSING ? { weight: 0, adjusted: false } : this.levelWeight(c, level, i);
      total += weight;
      evidence.push({
        comparison: this.comparators[c].name,
        level: this.comparators[c].labels[level],
        weight,
        ...(adjusted ? { termFrequencyAdjusted: true } : {}),
      });
    }
    return { prior: this.prior, weight: total, probability: probabilityOf(total), evidence };
  }
}
