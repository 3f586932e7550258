import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';

/**
 * Reads a CSV file with a header row into records (column → text), trimming
 * spaces around values (FEBRL separates with ", "), accepting a BOM.
 * `onBytes` reports progress as bytes read.
 */
export async function readCsvRecords(
  path: string,
  onBytes?: (read: number, total: number) => void,
): Promise<Record<string, string>[]> {
  const total = statSync(path).size;
  const stream = createReadStream(path);
  let read = 0;
  stream.on('data', (chunk) => {
    read += chunk.length;
    onBytes?.(read, total);
  });
  const parser = stream.pipe(
    parse({
      columns: true,
      trim: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }),
  );
  const rows: Record<string, string>[] = [];
  for await (const row of parser) rows.push(row as Record<string, string>);
  return rows;
}

/** Writes rows as CSV, streaming, with the header first. */
export async function writeCsv(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly (string | number)[]>,
): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(stringify([header]));
  let batch: (readonly (string | number)[])[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === 2000) {
      await write(stringify(batch));
      batch = [];
    }
  }
  if (batch.length > 0) await write(stringify(batch));
  out.end();
  await once(out, 'finish');
}
