export * from './matching.errors';
export * from './spec/match-spec';
export * from './normalize';
export * from './compare';
export {
  prepareRecords,
  type PreparedRecords,
  type PreparedField,
  type RawRecord,
} from './engine/prepare';
export {
  blockRecords,
  blockingRecall,
  DEFAULT_MAX_BLOCK_SIZE,
  type BlockingResult,
  type BlockingRuleReport,
  type CandidatePairs,
} from './engine/blocking';
export { buildComparator, MISSING, type Comparator } from './engine/comparisons';
export {
  TermFrequencies,
  type FellegiSunterParameters,
  type ComparisonParameters,
  type LevelParameters,
} from './engine/fellegi-sunter';
export {
  clusterPairs,
  type CannotLinkConstraint,
  type Clustering,
  type ClusteringDecisions,
} from './engine/clustering';
export {
  matchRecords,
  PairDecision,
  PAIR_DECISIONS,
  type PairDecisionName,
  PairScorer,
  probabilityOf,
  type MatchRun,
  type MatchOptions,
  type PairExplanation,
  type ComparisonEvidence,
  type MatchStageTimings,
} from './engine/matcher';
export { MatchIndex, type IndexMatch } from './engine/match-index';
