/**
 * Evaluation of a linkage result against ground truth (a labelled sample or a simulator's known
 * clusters). Clusterings are `record id → cluster id` maps.
 *
 * Records present in only one of the two maps are singletons in the other: a record missing from
 * `predicted` was linked to nothing, and a record missing from `truth` is known to match nothing.
 * The universe is the union of both key sets.
 *
 * Nothing here enumerates pairs of a clustering — a cluster of 10,000 records has 50 million — it
 * works on the contingency table (predicted cluster × true cluster → count) instead: the pairs a
 * cluster of n records holds is n(n − 1)/2, and the pairs that are both predicted and true are the
 * sum of that over the table's cells.
 */

/**
 * Pair-counting precision and recall: each unordered pair of records is one decision. Conventions:
 * precision is 1 when no pair is predicted, recall is 1 when there is no true pair, and f1 is 0 when
 * precision + recall is 0.
 */
export interface PairwiseMetrics {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * B³ (BCubed, Bagga & Baldwin 1998) precision and recall: per-record precision and recall averaged
 * over all records, so a large cluster does not dominate the way it does in pair counting. f1 is
 * the harmonic mean of the two averages. With no records at all, everything is 1.
 */
export interface BCubedMetrics {
  precision: number;
  recall: number;
  f1: number;
}

function pairCount(n: number): number {
  return (n * (n - 1)) / 2;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function fromCounts(tp: number, fp: number, fn: number): PairwiseMetrics {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision,
    recall,
    f1: f1(precision, recall),
  };
}

function clusterSizes(clustering: ReadonlyMap<string, string>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const cluster of clustering.values()) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
  return sizes;
}

function truePairCount(truthSizes: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const n of truthSizes.values()) total += pairCount(n);
  return total;
}

/** predicted cluster → true cluster → number of records in both; records in both maps only. */
function contingency(
  predicted: ReadonlyMap<string, string>,
  truth: ReadonlyMap<string, string>,
): Map<string, Map<string, number>> {
  const cells = new Map<string, Map<string, number>>();
  for (const [record, cluster] of predicted) {
    const trueCluster = truth.get(record);
    if (trueCluster === undefined) continue;
    let row = cells.get(cluster);
    if (row === undefined) {
      row = new Map();
      cells.set(cluster, row);
    }
    row.set(trueCluster, (row.get(trueCluster) ?? 0) + 1);
  }
  return cells;
}

/** Pairwise precision/recall/F1 of `predicted` against `truth` (see {@link PairwiseMetrics}). */
export function pairwiseMetrics(
  predicted: ReadonlyMap<string, string>,
  truth: ReadonlyMap<string, string>,
): PairwiseMetrics {
  let predictedPairs = 0;
  for (const n of clusterSizes(predicted).values()) predictedPairs += pairCount(n);
  const truePairs = truePairCount(clusterSizes(truth));
  let tp = 0;
  for (const row of contingency(predicted, truth).values()) {
    for (const n of row.values()) tp += pairCount(n);
  }
  return fromCounts(tp, predictedPairs - tp, truePairs - tp);
}

/** B³ precision/recall/F1 of `predicted` against `truth` (see {@link BCubedMetrics}). */
export function bcubedMetrics(
  predicted: ReadonlyMap<string, string>,
  truth: ReadonlyMap<string, string>,
): BCubedMetrics {
  const predictedSizes = clusterSizes(predicted);
  const truthSizes = clusterSizes(truth);
  // A record in a cell of n records, predicted cluster P and true cluster T, scores n/|P| and n/|T|;
  // the n records of the cell together score n²/|P| and n²/|T|.
  let precisionSum = 0;
  let recallSum = 0;
  for (const [cluster, row] of contingency(predicted, truth)) {
    const size = predictedSizes.get(cluster) ?? 1;
    for (const [trueCluster, n] of row) {
      precisionSum += (n * n) / size;
      recallSum += (n * n) / (truthSizes.get(trueCluster) ?? 1);
    }
  }
  let records = predicted.size;
  // A true singleton is alone in its cell: precision 1/|P|, recall 1.
  for (const [record, cluster] of predicted) {
    if (truth.has(record)) continue;
    precisionSum += 1 / (predictedSizes.get(cluster) ?? 1);
    recallSum += 1;
  }
  // A predicted singleton: precision 1, recall 1/|T|.
  for (const [record, trueCluster] of truth) {
    if (predicted.has(record)) continue;
    records++;
    precisionSum += 1;
    recallSum += 1 / (truthSizes.get(trueCluster) ?? 1);
  }
  if (records === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = precisionSum / records;
  const recall = recallSum / records;
  return { precision, recall, f1: f1(precision, recall) };
}

/**
 * Pairwise metrics of raw candidate pairs (say, every pair scored above a threshold, before
 * clustering) against `truth`. Each unordered pair counts once however often and in whichever
 * order it is listed; a record paired with itself is ignored. A pair is a true positive when both
 * records are in the same true cluster — a record missing from `truth` is a singleton, so its pairs
 * are false positives. False negatives are the true pairs never listed.
 */
export function pairMetricsFromPairs(
  predictedPairs: Iterable<readonly [string, string]>,
  truth: ReadonlyMap<string, string>,
): PairwiseMetrics {
  const seen = new Map<string, Set<string>>();
  let tp = 0;
  let fp = 0;
  for (const [x, y] of predictedPairs) {
    if (x === y) continue;
    const low = x < y ? x : y;
    const high = x < y ? y : x;
    let partners = seen.get(low);
    if (partners === undefined) {
      partners = new Set();
      seen.set(low, partners);
    } else if (partners.has(high)) {
      continue;
    }
    partners.add(high);
    const cluster = truth.get(low);
    if (cluster !== undefined && cluster === truth.get(high)) tp++;
    else fp++;
  }
  return fromCounts(tp, fp, truePairCount(clusterSizes(truth)) - tp);
}
