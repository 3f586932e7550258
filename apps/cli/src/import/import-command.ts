import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { basename } from 'node:path';
import {
  loadDepartmentRecordsSpec,
  loadGoldenCatalogue,
  RegistryResolver,
  runMigrations,
  type IncomingRecord,
} from '@oncegate/registry';
import { DEPARTMENT_RECORD_COLUMNS, DEPARTMENT_SYSTEMS } from '@oncegate/simulators';
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import { describeIngest } from '../ingest-report';
import { readCsvRecords } from '../match/csv-files';

type Output = (line: string) => void;
type WithDatabase = <T>(work: (dataSource: DataSource) => Promise<T>) => Promise<T>;

export interface ImportOptions {
  changedAt?: Date;
  rejects?: string;
  spec?: string;
  progress: boolean;
}

/** A row the import refused: its line in the file and why. */
export interface RejectedRow {
  line: number;
  reason: string;
  row: Record<string, string>;
}

const SYSTEMS = new Set<string>(DEPARTMENT_SYSTEMS);

/**
 * A row of the common department table (`department-records.csv`, as
 * `npm run sim -- --export` writes it and as a department's extract is
 * mapped to) as a department record for the registry, or why it cannot be
 * one. Values are kept as the department holds them — odd ID numbers and
 * all — because cleaning them is the matcher's work; only what would make
 * the record meaningless is refused.
 */
export function toIncoming(
  row: Record<string, string>,
  changedAt: Date,
): IncomingRecord | { reason: string } {
  const system = row.system ?? '';
  if (!SYSTEMS.has(system))
    return { reason: `system must be one of ${[...SYSTEMS].join(', ')}, not "${system}"` };
  const id = row.record_id ?? '';
  if (!id.startsWith(`${system}:`) || id.length === system.length + 1)
    return { reason: `record_id must be "${system}:<the department's own id>"` };
  if (row.kind !== 'PERSON' && row.kind !== 'ENTERPRISE')
    return { reason: 'kind must be PERSON or ENTERPRISE' };
  if (!row.name) return { reason: 'name is empty' };
  const value = (column: string) => row[column] || null;
  return {
    system,
    localId: id.slice(system.length + 1),
    kind: row.kind,
    name: row.name,
    uscc: value('uscc'),
    residentId: value('resident_id'),
    legalRepresentative: value('legal_rep'),
    birthDate: value('birth_date'),
    phone: value('phone'),
    address: value('address'),
    changedAt,
    raw: null,
  };
}

async function writeRejects(path: string, rejected: readonly RejectedRow[]): Promise<void> {
  const out = createWriteStream(path);
  out.write(stringify([['line', 'reason', ...DEPARTMENT_RECORD_COLUMNS]]));
  for (const r of rejected)
    out.write(
      stringify([[r.line, r.reason, ...DEPARTMENT_RECORD_COLUMNS.map((c) => r.row[c] ?? '')]]),
    );
  out.end();
  await once(out, 'finish');
}

/**
 * `oncegate import <file>`: loads department records into the registry —
 * a department joining, or the first load of a county — through the same
 * resolution as the sync (deduplicated into applicants with golden records,
 * doubtful pairs to the review queue). Refused rows are listed (and written
 * with `--rejects`); the rest are imported, and the exit code is 1 if any
 * row was refused.
 */
export async function runImport(
  dataSource: DataSource,
  file: string,
  options: ImportOptions,
  out: Output,
): Promise<{ imported: number; rejected: RejectedRow[] }> {
  const bar = options.progress
    ? new SingleBar(
        {
          format: ' {bar} {percentage}% | {task} | {duration_formatted}',
          hideCursor: true,
          stream: process.stderr,
        },
        Presets.shades_classic,
      )
    : null;
  bar?.start(statSync(file).size, 0, { task: `reading ${basename(file)}` });
  const rows = await readCsvRecords(file, (read) => bar?.update(read));
  const missing = DEPARTMENT_RECORD_COLUMNS.filter((c) => rows.length > 0 && !(c in rows[0]));
  if (missing.length > 0) {
    bar?.stop();
    throw new InvalidArgumentError(`${file} lacks the columns ${missing.join(', ')}`);
  }
  const changedAt = options.changedAt ?? new Date();
  const incoming: IncomingRecord[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  rows.forEach((row, k) => {
    const line = k + 2; // the header is line 1
    const record = toIncoming(row, changedAt);
    if ('reason' in record) rejected.push({ line, reason: record.reason, row });
    else if (seen.has(row.record_id))
      rejected.push({ line, reason: 'record_id appears earlier in the file', row });
    else {
      seen.add(row.record_id);
      incoming.push(record);
    }
  });
  // Resolution is one step (every record against each other and the registry): the bar
  // shows how long it has taken so far.
  bar?.setTotal(1);
  bar?.update(0, { task: `resolving ${incoming.length} records against the registry` });
  const ticker = bar ? setInterval(() => bar.updateETA(), 1000) : null;
  const started = Date.now();
  try {
    await runMigrations(dataSource);
    const resolver = new RegistryResolver(dataSource, {
      spec: loadDepartmentRecordsSpec(options.spec),
      catalogue: loadGoldenCatalogue(),
    });
    const report =
      incoming.length > 0 ? await resolver.ingest(incoming, `cli:import:${basename(file)}`) : null;
    bar?.update(1, { task: 'done' });
    bar?.stop();
    out(
      `Read ${rows.length} rows from ${file}: ${incoming.length} records, ${rejected.length} refused.`,
    );
    for (const r of rejected.slice(0, 10)) out(`  line ${r.line}: ${r.reason}`);
    if (rejected.length > 10) out(`  … and ${rejected.length - 10} more`);
    if (options.rejects) {
      await writeRejects(options.rejects, rejected);
      out(`Refused rows written to ${options.rejects}.`);
    }
    if (report) out(describeIngest(report));
    out(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return { imported: incoming.length, rejected };
  } finally {
    if (ticker) clearInterval(ticker);
    bar?.stop();
  }
}

function isoDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('must be an ISO 8601 time');
  return date;
}

export function addImportCommand(program: Command, withDatabase: WithDatabase, out: Output): void {
  program
    .command('import')
    .description(
      'load department records (the common table: record_id, system, kind, name, uscc, resident_id, legal_rep, birth_date, phone, address) into the registry, deduplicated into applicants',
    )
    .argument(
      '<file.csv>',
      'the records, e.g. department-records.csv from `npm run sim -- --export <dir>`',
    )
    .option(
      '--changed-at <time>',
      'the departments’ change time of these records (default: now)',
      isoDate,
    )
    .option('--rejects <file.csv>', 'write the refused rows, with line and reason, here')
    .option(
      '--spec <spec.json>',
      'the matcher’s comparison spec (default: libs/matching/specs/department-records.json)',
    )
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, opts: Omit<ImportOptions, 'progress'> & { progress: boolean }) => {
      const result = await withDatabase((dataSource) =>
        runImport(
          dataSource,
          file,
          { ...opts, progress: opts.progress && process.stderr.isTTY === true },
          out,
        ),
      );
      if (result.rejected.length > 0) process.exitCode = 1;
    });
}
