import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  bcubedMetrics,
  blockingRecall,
  matchRecords,
  pairwiseMetrics,
  parseMatchSpec,
  type MatchRun,
  type MatchSpec,
  type RawRecord,
} from '@oncegate/matching';
import { departmentTable } from './department-table';

/**
 * `npm run bench:matching`: entity resolution measured against ground truth.
 *
 * - FEBRL 1–3 (`../shared/datasets/febrl`, or $FEBRL_DIR): pairwise and
 *   B-cubed F1, with the weights learned by EM from each file alone.
 *
 * - The simulated departments at default noise: $BENCH_MATCH_APPLICANTS
 *   applicants (default 30,000; 570,000 make about 1,000,000 records), all
 *   four departments' records in one table, deduplicated with the shipped spec.
 *
 * Prints one table and the peak memory; the figures go to docs/benchmarks.md.
 */
const FEBRL_DIR =
  process.env.FEBRL_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'datasets', 'febrl');
const SPECS = join(__dirname, '..', '..', 'libs', 'matching', 'specs');

function loadSpec(name: string): MatchSpec {
  return parseMatchSpec(JSON.parse(readFileSync(join(SPECS, name), 'utf8')));
}

function readCsv(path: string): RawRecord[] {
  return parse(readFileSync(path), {
    columns: true,
    trim: true,
    bom: true,
    skip_empty_lines: true,
  });
}

interface Row {
  dataset: string;
  records: number;
  candidates: number;
  blockingRecall: number;
  precision: number;
  recall: number;
  f1: number;
  bcubedF1: number;
  review: number;
  seconds: number;
}

function score(dataset: string, run: MatchRun, truth: (string | null)[], seconds: number): Row {
  const predicted = new Map<string, string>();
  const actual = new Map<string, string>();
  for (let i = 0; i < run.records.size; i++) {
    predicted.set(run.records.ids[i], String(run.clusterOf[i]));
    actual.set(run.records.ids[i], truth[i] ?? `unknown:${i}`);
  }
  const pairwise = pairwiseMetrics(predicted, actual);
  return {
    dataset,
    records: run.records.size,
    candidates: run.pairs.count,
    blockingRecall: blockingRecall(run.blocking.pairs, truth, run.records.size).recall,
    precision: pairwise.precision,
    recall: pairwise.recall,
    f1: pairwise.f1,
    bcubedF1: bcubedMetrics(predicted, actual).f1,
    review: run.recordsInReview / run.records.size,
    seconds,
  };
}

function febrl(): Row[] {
  const spec = loadSpec('febrl.json');
  const rows: Row[] = [];
  for (const file of ['dataset1.csv', 'dataset2.csv', 'dataset3.csv']) {
    const records = readCsv(join(FEBRL_DIR, file));
    const started = performance.now();
    const run = matchRecords(spec, [records]);
    const seconds = (performance.now() - started) / 1000;
    const truth = run.records.ids.map((id) => /^rec-(\d+)-/.exec(id)?.[1] ?? null);
    rows.push(score(`FEBRL ${file}`, run, truth, seconds));
  }
  return rows;
}

function simulated(applicants: number): Row {
  const { records, keys } = departmentTable(applicants);
  const started = performance.now();
  const run = matchRecords(loadSpec('department-records.json'), [records]);
  const seconds = (performance.now() - started) / 1000;
  return score(
    `simulated departments, ${applicants.toLocaleString('en')} applicants`,
    run,
    keys,
    seconds,
  );
}

function main(): void {
  const applicants = Number(process.env.BENCH_MATCH_APPLICANTS ?? 30_000);
  const rows = [...febrl(), simulated(applicants)];
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  process.stdout.write(
    [
      line([
        'data',
        'records',
        'candidate pairs',
        'blocking recall',
        'precision',
        'recall',
        'pairwise F1',
        'B-cubed F1',
        'records to review',
        'time s',
      ]),
      line(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
      ...rows.map((r) =>
        line([
          r.dataset,
          r.records,
          r.candidates,
          r.blockingRecall.toFixed(4),
          r.precision.toFixed(4),
          r.recall.toFixed(4),
          r.f1.toFixed(4),
          r.bcubedF1.toFixed(4),
          `${(100 * r.review).toFixed(2)}%`,
          r.seconds.toFixed(1),
        ]),
      ),
    ].join('\n') + '\n',
  );
  process.stdout.write(
    `\nNode ${process.version}; peak resident memory ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB; ` +
      `time = normalize + block + compare + EM + score + cluster (reading the input not counted).\n`,
  );
}

main();
