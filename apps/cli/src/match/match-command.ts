import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  bcubedMetrics,
  blockingRecall,
  matchRecords,
  PairDecision,
  pairwiseMetrics,
  parseMatchSpec,
  type MatchRun,
  type MatchSpec,
} from '@oncegate/matching';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { readCsvRecords, writeCsv } from './csv-files';

type Output = (line: string) => void;

export interface MatchCommandOptions {
  input: string[];
  spec: string;
  out: string;
  clusters?: string;
  truth?: string;
  truthPattern?: string;
  allPairs?: boolean;
  progress: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function readSpec(path: string): MatchSpec {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `cannot read the spec ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseMatchSpec(json);
}

/** Entity of each record (index order), from a truth CSV or a pattern over the ids. */
async function readTruth(
  run: MatchRun,
  options: Pick<MatchCommandOptions, 'truth' | 'truthPattern'>,
): Promise<(string | null)[]> {
  const { ids, size } = run.records;
  if (options.truthPattern !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(options.truthPattern);
    } catch {
      throw new InvalidArgumentError(`--truth-pattern is not a regular expression`);
    }
    return ids.map((id) => {
      const m = pattern.exec(id);
      return m ? (m[1] ?? m[0]) : null;
    });
  }
  const rows = await readCsvRecords(options.truth!);
  if (rows.length === 0) return new Array<string | null>(size).fill(null);
  const columns = Object.keys(rows[0]);
  const idColumn = columns[0];
  const entityColumn = columns[columns.length - 1];
  const entityOf = new Map<string, string>();
  for (const row of rows) entityOf.set(row[idColumn], row[entityColumn]);
  return ids.map((id) => entityOf.get(id) ?? null);
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

export function summarize(run: MatchRun, out: Output): void {
  const { records, blocking, parameters, pairs } = run;
  out(`Records: ${records.size.toLocaleString('en')}`);
  out(`Candidate pairs: ${pairs.count.toLocaleString('en')}`);
  for (const rule of blocking.rules) {
    const oversized =
      rule.oversizedBlocks > 0
        ? ` (${rule.oversizedBlocks} blocks over the size cap skipped, ${rule.recordsInOversizedBlocks} records)`
        : '';
    out(`  ${rule.rule}: ${rule.pairs.toLocaleString('en')} new pairs${oversized}`);
  }
  out(
    `EM: ${parameters.iterations} iterations${parameters.converged ? '' : ' (did not converge)'}, ` +
      `matches are ${(100 * parameters.lambda).toFixed(1)}% of candidate pairs; ` +
      `prior P(two random records match) = ${parameters.matchProbability.toPrecision(3)}; ` +
      `u from ${parameters.randomPairs.toLocaleString('en')} random pairs`,
  );
  for (const c of parameters.comparisons) {
    const levels = c.levels
      .slice(1)
      .map((l) => `${l.label} ${l.weight >= 0 ? '+' : ''}${l.weight.toFixed(1)}`)
      .join(', ');
    out(`  ${c.name}${c.termFrequency ? ' (tf)' : ''}: ${levels}`);
  }
  const counts = [0, 0, 0, 0];
  for (let p = 0; p < pairs.count; p++) counts[pairs.decision[p]]++;
  out(
    `Pairs: ${counts[PairDecision.LINK]} linked, ${counts[PairDecision.REVIEW]} for review, ` +
      `${counts[PairDecision.CANNOT_LINK]} refused by cannot-link rules`,
  );
  out(
    `Clusters: ${run.clusters.toLocaleString('en')}; records sent to review: ${run.recordsInReview} ` +
      `(${((100 * run.recordsInReview) / Math.max(1, records.size)).toFixed(2)}%)`,
  );
  const t = run.timings;
  out(
    `Time: prepare ${formatMs(t.prepareMs)}, blocking ${formatMs(t.blockingMs)}, compare ${formatMs(t.compareMs)}, ` +
      `estimate ${formatMs(t.estimateMs)}, score ${formatMs(t.scoreMs)}, cluster ${formatMs(t.clusterMs)}`,
  );
}

export function evaluate(run: MatchRun, truth: (string | null)[], out: Output): void {
  const { ids, size, source } = run.records;
  const key = (i: number) => `${source[i]}\u0000${ids[i]}`;
  const predicted = new Map<string, string>();
  const actual = new Map<string, string>();
  for (let i = 0; i < size; i++) {
    predicted.set(key(i), String(run.clusterOf[i]));
    actual.set(key(i), truth[i] ?? `\u0000unknown:${i}`);
  }
  const pairwise = pairwiseMetrics(predicted, actual);
  const bcubed = bcubedMetrics(predicted, actual);
  const recall = blockingRecall(run.blocking.pairs, truth, size);
  out(
    `Blocking recall: ${recall.found} of ${recall.truePairs} true pairs are candidates (${(100 * recall.recall).toFixed(2)}%)`,
  );
  out(
    `Pairwise: precision ${pairwise.precision.toFixed(4)}, recall ${pairwise.recall.toFixed(4)}, ` +
      `F1 ${pairwise.f1.toFixed(4)} (TP ${pairwise.truePositives}, FP ${pairwise.falsePositives}, FN ${pairwise.falseNegatives})`,
  );
  out(
    `B-cubed: precision ${bcubed.precision.toFixed(4)}, recall ${bcubed.recall.toFixed(4)}, F1 ${bcubed.f1.toFixed(4)}`,
  );
}

async function writePairs(
  run: MatchRun,
  path: string,
  all: boolean,
  link: boolean,
): Promise<number> {
  const names = run.parameters.comparisons.map((c) => c.name);
  const header = [
    'left_id',
    'right_id',
    ...(link ? ['left_input', 'right_input'] : []),
    'probability',
    'weight',
    'decision',
    'refused_by',
    ...names.flatMap((n) => [`${n}_level`, `${n}_weight`]),
  ];
  let written = 0;
  const { pairs, records } = run;
  function* rows(): Generator<(string | number)[]> {
    for (let p = 0; p < pairs.count; p++) {
      if (!all && pairs.decision[p] === PairDecision.NO_LINK) continue;
      const e = run.explain(p);
      written++;
      yield [
        e.left,
        e.right,
        ...(link ? [records.source[pairs.left[p]] + 1, records.source[pairs.right[p]] + 1] : []),
        e.probability.toFixed(6),
        e.weight.toFixed(3),
        e.decision,
        e.refusedBy ?? '',
        ...e.evidence.flatMap((x) => [x.level, x.weight.toFixed(3)]),
      ];
    }
  }
  await writeCsv(path, header, rows());
  return written;
}

async function writeClusters(run: MatchRun, path: string, link: boolean): Promise<void> {
  const { ids, size, source } = run.records;
  // A cluster is named by its first record: stable across runs on the same input.
  const names = new Map<number, string>();
  for (let i = 0; i < size; i++)
    if (!names.has(run.clusterOf[i])) names.set(run.clusterOf[i], ids[i]);
  function* rows(): Generator<(string | number)[]> {
    for (let i = 0; i < size; i++)
      yield [ids[i], ...(link ? [source[i] + 1] : []), names.get(run.clusterOf[i])!];
  }
  await writeCsv(path, ['id', ...(link ? ['input'] : []), 'cluster'], rows());
}

export async function runMatch(options: MatchCommandOptions, out: Output): Promise<MatchRun> {
  if (options.input.length < 1 || options.input.length > 2)
    throw new InvalidArgumentError('give one --input to deduplicate, or two to link');
  if (options.truth !== undefined && options.truthPattern !== undefined)
    throw new InvalidArgumentError('give --truth or --truth-pattern, not both');
  const spec = readSpec(options.spec);
  const link = options.input.length === 2;
  const bars = options.progress
    ? new MultiBar(
        {
          format: ' {bar} {percentage}% | {task}',
          hideCursor: true,
          clearOnComplete: false,
          stream: process.stderr,
        },
        Presets.shades_classic,
      )
    : null;
  const inputs: Record<string, string>[][] = [];
  for (const path of options.input) {
    const bar: SingleBar | undefined = bars?.create(1, 0, { task: `reading ${basename(path)}` });
    inputs.push(
      await readCsvRecords(path, (read, total) => {
        bar?.setTotal(total);
        bar?.update(read);
      }),
    );
  }
  const stages = bars?.create(6, 0, { task: 'matching' });
  let done = 0;
  const run = matchRecords(spec, inputs, {
    mode: link ? 'link' : 'dedupe',
    onStage: (stage) => {
      stages?.update(done++, { task: `matching: ${stage.replace(/Ms$/, '')}` });
    },
  });
  stages?.update(6, { task: 'matching: done' });
  bars?.stop();
  summarize(run, out);
  const written = await writePairs(run, options.out, options.allPairs === true, link);
  out(`Pairs written: ${written} to ${options.out}`);
  if (options.clusters) {
    await writeClusters(run, options.clusters, link);
    out(`Clusters written to ${options.clusters}`);
  }
  if (options.truth !== undefined || options.truthPattern !== undefined)
    evaluate(run, await readTruth(run, options), out);
  return run;
}

export function addMatchCommand(program: Command, out: Output): void {
  program
    .command('match')
    .description(
      'deduplicate one CSV file or link two, with a comparison spec (JSON); EM learns the weights from the data',
    )
    .requiredOption(
      '--input <file.csv>',
      'CSV with a header row (repeat once to link two files)',
      collect,
    )
    .requiredOption(
      '--spec <spec.json>',
      'comparison spec: fields, blocking, comparisons, thresholds',
    )
    .requiredOption(
      '--out <pairs.csv>',
      'where to write the scored pairs (link and review), with each comparison’s weight',
    )
    .option('--clusters <clusters.csv>', 'where to write each record’s cluster')
    .option(
      '--truth <truth.csv>',
      'ground truth: first column record id, last column entity; prints precision, recall, F1',
    )
    .option(
      '--truth-pattern <regex>',
      'ground truth from the record ids: the first capture group names the entity',
    )
    .option('--all-pairs', 'write every candidate pair, also those below the review threshold')
    .option('--no-progress', 'no progress bars')
    .action(async (options: MatchCommandOptions) => {
      await runMatch(
        { ...options, progress: options.progress && process.stderr.isTTY === true },
        out,
      );
    });
}
