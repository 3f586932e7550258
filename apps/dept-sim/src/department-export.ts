import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { DepartmentSystem } from '@oncegate/demo';
import {
  DEPARTMENT_RECORD_COLUMNS,
  labelledDepartmentRecords,
  type DepartmentDataSet,
  type DepartmentRecordRow,
} from '@oncegate/simulators';

export const RECORDS_FILE = 'department-records.csv';
export const TRUTH_FILE = 'truth.csv';

/** Lines per write: big enough to amortise the call, small enough to never hold much. */
const CHUNK = 5000;

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * One CSV field (RFC 4180, as csv-stringify writes it: quoted only when it
 * holds a comma, quote or line break). Hand-written because csv-stringify
 * costs 4× as much per row, and the export runs on a million applicants.
 */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
}

/** One line of `department-records.csv`, its fields in `DEPARTMENT_RECORD_COLUMNS` order. */
export function departmentRecordLine(row: DepartmentRecordRow): string {
  return `${csvField(row.record_id)},${row.system},${row.kind},${csvField(row.name)},${csvField(row.uscc)},${csvField(row.resident_id)},${csvField(row.legal_rep)},${csvField(row.birth_date)},${csvField(row.phone)},${csvField(row.address)}\n`;
}

export interface DepartmentExportSummary {
  readonly recordsFile: string;
  readonly truthFile: string;
  readonly records: number;
  readonly bySystem: Readonly<Partial<Record<DepartmentSystem, number>>>;
}

/** Writes `text`, waiting for the stream to drain when its buffer is full (backpressure). */
async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function finish(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/**
 * Writes `<dir>/department-records.csv` (every department record in the
 * common form, header = `DEPARTMENT_RECORD_COLUMNS`) and `<dir>/truth.csv`
 * (`record_id,applicant_key`), streaming in chunks with backpressure so that
 * a million applicants' records never become one string. Creates `dir`.
 */
export async function writeDepartmentExport(
  dir: string,
  data: DepartmentDataSet,
): Promise<DepartmentExportSummary> {
  mkdirSync(dir, { recursive: true });
  const recordsFile = join(dir, RECORDS_FILE);
  const truthFile = join(dir, TRUTH_FILE);
  const records = createWriteStream(recordsFile);
  const truth = createWriteStream(truthFile);
  const failed = new Promise<never>((_, reject) => {
    records.once('error', reject);
    truth.once('error', reject);
  });
  // Without a handler an early failure would be an unhandled rejection while we await the other path.
  failed.catch(() => undefined);
  const bySystem: Partial<Record<DepartmentSystem, number>> = {};
  let count = 0;
  const run = async () => {
    await write(records, `${DEPARTMENT_RECORD_COLUMNS.join(',')}\n`);
    await write(truth, 'record_id,applicant_key\n');
    let rowChunk: string[] = [];
    let truthChunk: string[] = [];
    const flush = async () => {
      if (rowChunk.length === 0) return;
      await write(records, rowChunk.join(''));
      await write(truth, truthChunk.join(''));
      rowChunk = [];
      truthChunk = [];
    };
    for (const { row, applicantKey } of labelledDepartmentRecords(data)) {
      rowChunk.push(departmentRecordLine(row));
      truthChunk.push(`${csvField(row.record_id)},${csvField(applicantKey)}\n`);
      bySystem[row.system] = (bySystem[row.system] ?? 0) + 1;
      count++;
      if (rowChunk.length === CHUNK) await flush();
    }
    await flush();
    await Promise.all([finish(records), finish(truth)]);
  };
  try {
    await Promise.race([run(), failed]);
  } catch (error) {
    records.destroy();
    truth.destroy();
    throw error;
  }
  return { recordsFile, truthFile, records: count, bySystem };
}
