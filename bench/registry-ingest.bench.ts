import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  databaseOptionsFromUrl,
  loadDepartmentRecordsSpec,
  loadGoldenCatalogue,
  RegistryResolver,
  runMigrations,
  type IncomingRecord,
  type IngestReport,
} from '@oncegate/registry';
import { DataSource } from 'typeorm';
import { departmentTable } from './department-table';

/**
 * `npm run bench:registry-ingest`: the registry path of one new department
 * record. A simulated county ($BENCH_REGISTRY_APPLICANTS applicants, default
 * 570,000 → ~1,000,000 records) is bulk-loaded into a registry (SQLite file,
 * or $BENCH_DATABASE_URL); then 1,000 held-out records arrive one at a time,
 * as a department's change feed delivers them, and each is resolved against
 * the registry's match index and written (records, identifiers, history,
 * golden record). Prints the bulk load, each ingest's latency percentiles,
 * how often the record joined its true applicant, the time a fresh process
 * takes to build its index from the database, and memory.
 */
const APPLICANTS = Number(process.env.BENCH_REGISTRY_APPLICANTS ?? 570_000);
const HELD_OUT = 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function incoming(row: Record<string, string>, k: number): IncomingRecord {
  return {
    system: row.system,
    localId: row.record_id.slice(row.system.length + 1),
    kind: row.kind === 'ENTERPRISE' ? 'ENTERPRISE' : 'PERSON',
    name: row.name,
    uscc: row.uscc || null,
    residentId: row.resident_id || null,
    legalRepresentative: row.legal_rep || null,
    birthDate: row.birth_date || null,
    phone: row.phone || null,
    address: row.address || null,
    changedAt: new Date(Date.UTC(2025, 0, 1) + k * 1000),
    raw: null,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-bench-'));
  const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'registry.sqlite')}`;
  const dataSource = new DataSource(databaseOptionsFromUrl(url));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    const options = { spec: loadDepartmentRecordsSpec(), catalogue: loadGoldenCatalogue() };
    const { records: rows, keys } = departmentTable(APPLICANTS);
    const held: number[] = [];
    const bulk: IncomingRecord[] = [];
    rows.forEach((row, i) => {
      if (i % 997 === 0 && held.length < HELD_OUT) held.push(i);
      else bulk.push(incoming(row as Record<string, string>, i));
    });

    const resolver = new RegistryResolver(dataSource, options);
    let started = performance.now();
    const loaded = await resolver.ingest(bulk, 'bench');
    const bulkS = (performance.now() - started) / 1000;
    const afterBulkMb = process.memoryUsage().rss / 1024 / 1024;

    // Which applicant holds each true applicant's bulk-loaded records.
    const placed = new Map<string, string>();
    for (const r of await dataSource.query<
      { system: string; local_id: string; applicant_id: string }[]
    >('SELECT system, local_id, applicant_id FROM source_records')) {
      placed.set(`${r.system}:${r.local_id}`, r.applicant_id);
    }
    const applicantOfKey = new Map<string, string>();
    rows.forEach((row, i) => {
      const applicant = placed.get(String(row.record_id));
      if (applicant && !applicantOfKey.has(keys[i])) applicantOfKey.set(keys[i], applicant);
    });

    const times: number[] = [];
    const modes = new Map<IngestReport['mode'], number>();
    for (const i of held) {
      const t = process.hrtime.bigint();
      const report = await resolver.ingest(
        [incoming(rows[i] as Record<string, string>, i)],
        'bench',
      );
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      modes.set(report.mode, (modes.get(report.mode) ?? 0) + 1);
    }
    const now = new Map<string, string>();
    for (const r of await dataSource.query<
      { system: string; local_id: string; applicant_id: string }[]
    >('SELECT system, local_id, applicant_id FROM source_records')) {
      now.set(`${r.system}:${r.local_id}`, r.applicant_id);
    }
    let answerable = 0;
    let right = 0;
    for (const i of held) {
      const expected = applicantOfKey.get(keys[i]);
      if (!expected) continue;
      answerable++;
      if (now.get(String(rows[i].record_id)) === expected) right++;
    }
    times.sort((a, b) => a - b);

    // A second process (a restarted gateway): its first small ingest builds the index.
    const restarted = new RegistryResolver(dataSource, options);
    const extra = incoming(
      {
        ...(rows[held[0]] as Record<string, string>),
        record_id: 'tax:BENCH-RESTART',
        system: 'tax',
      },
      rows.length,
    );
    started = performance.now();
    const first = await restarted.ingest([extra], 'bench');
    const restartS = (performance.now() - started) / 1000;
    const mb = process.memoryUsage().rss / 1024 / 1024;

    process.stdout.write(
      [
        `Registry: ${loaded.records.toLocaleString('en')} records bulk-loaded (${APPLICANTS.toLocaleString('en')} applicants) into ${url.split(':')[0]}; Node ${process.version}`,
        `Bulk load (${loaded.mode}): ${bulkS.toFixed(1)} s, ${loaded.applicantsCreated.toLocaleString('en')} applicants, ${loaded.reviewsQueued} reviews queued; resident memory after it ${afterBulkMb.toFixed(0)} MB`,
        `${held.length} new records, one ingest each (${[...modes].map(([m, n]) => `${n} ${m}`).join(', ')}): ` +
          `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, ` +
          `p99 ${percentile(times, 99).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`,
        `Of ${answerable} whose applicant was bulk-loaded, ${right} joined it (${((100 * right) / Math.max(1, answerable)).toFixed(1)}%)`,
        `A fresh process's first ingest (${first.mode}, index built from the database): ${restartS.toFixed(1)} s; resident memory ${mb.toFixed(0)} MB`,
      ].join('\n') + '\n',
    );
  } finally {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
