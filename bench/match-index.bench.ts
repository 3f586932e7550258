import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MatchIndex, matchRecords, parseMatchSpec, type RawRecord } from '@oncegate/matching';
import { departmentTable } from './department-table';

/**
 * `npm run bench:match-index`: one new department record matched against a
 * registry of about a million records ($BENCH_INDEX_APPLICANTS applicants,
 * default 570,000 → ~1,000,000 records). Weights are learned once by EM on a
 * 200,000-record sample; the index holds every record but 1,000 held out,
 * which are then queried one at a time. Prints build time, memory, latency
 * percentiles and how often the best match is the right applicant.
 */
const APPLICANTS = Number(process.env.BENCH_INDEX_APPLICANTS ?? 570_000);
const QUERIES = 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function main(): void {
  const spec = parseMatchSpec(
    JSON.parse(
      readFileSync(
        join(__dirname, '..', '..', 'libs', 'matching', 'specs', 'department-records.json'),
        'utf8',
      ),
    ),
  );
  const { records: rows, keys } = departmentTable(APPLICANTS);
  // Every 997th record is held out as "new" (a deterministic spread over the data).
  const held: number[] = [];
  const indexed: RawRecord[] = [];
  const indexedKeys: string[] = [];
  rows.forEach((row, i) => {
    if (i % 997 === 0 && held.length < QUERIES) held.push(i);
    else {
      indexed.push(row);
      indexedKeys.push(keys[i]);
    }
  });
  let started = performance.now();
  const sample = indexed.filter(
    (_, i) => i % Math.max(1, Math.floor(indexed.length / 200_000)) === 0,
  );
  const { parameters } = matchRecords(spec, [sample]);
  const learnS = (performance.now() - started) / 1000;
  started = performance.now();
  const index = MatchIndex.build(spec, parameters, indexed);
  const buildS = (performance.now() - started) / 1000;
  const times: number[] = [];
  let answerable = 0;
  let right = 0;
  const keyCount = new Map<string, number>();
  for (const k of indexedKeys) keyCount.set(k, (keyCount.get(k) ?? 0) + 1);
  for (const i of held) index.query(rows[i]); // warm-up
  for (const i of held) {
    const t = process.hrtime.bigint();
    const [best] = index.query(rows[i]);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if ((keyCount.get(keys[i]) ?? 0) > 0) {
      answerable++;
      if (best && best.decision === 'LINK' && indexedKeys[best.index] === keys[i]) right++;
    }
  }
  times.sort((a, b) => a - b);
  const mb = (process.memoryUsage().rss / 1024 / 1024).toFixed(0);
  process.stdout.write(
    [
      `Registry: ${index.size.toLocaleString('en')} records (${APPLICANTS.toLocaleString('en')} applicants); Node ${process.version}`,
      `Learn weights (EM on ${sample.length.toLocaleString('en')} records): ${learnS.toFixed(1)} s; build index: ${buildS.toFixed(1)} s; resident memory ${mb} MB`,
      `${held.length} new records, one at a time: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, ` +
        `p99 ${percentile(times, 99).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`,
      `Of ${answerable} whose applicant is in the registry, ${right} linked to it (${((100 * right) / Math.max(1, answerable)).toFixed(1)}%)`,
    ].join('\n') + '\n',
  );
}

main();
