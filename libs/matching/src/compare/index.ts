export {
  jaro,
  jaroWinkler,
  levenshtein,
  levenshteinSimilarity,
  osaDistance,
} from './string-similarity';
export {
  compareDates,
  parseLooseDate,
  type DateAgreement,
  type LooseDate,
} from './date-comparison';
export { compareIdentifiers, type IdentifierAgreement } from './identifier-comparison';
export {
  bcubedMetrics,
  pairMetricsFromPairs,
  pairwiseMetrics,
  type BCubedMetrics,
  type PairwiseMetrics,
} from './metrics';
