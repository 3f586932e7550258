import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoApplicants } from '@oncegate/demo';
import { databaseOptionsFromUrl, findRepositoryFile } from '@oncegate/registry';
import {
  DEPARTMENT_RECORD_COLUMNS,
  departmentRecordRows,
  generateDepartmentData,
} from '@oncegate/simulators';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { runCli } from '../testing/run-cli';

/**
 * `oncegate import`: the four departments' records of a small county (as
 * `npm run sim -- --export` writes them) load into an empty registry as
 * deduplicated applicants; bad rows are refused with their line and reason
 * and the rest still load; importing the same file again changes nothing.
 */
describe('oncegate import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-import-'));
  const url = `sqlite:${join(dir, 'registry.sqlite')}`;
  const file = join(dir, 'department-records.csv');
  const rejects = join(dir, 'rejects.csv');
  // The shipped spec with fewer random pairs for the weights: a county of 60 needs no more.
  const spec = join(dir, 'spec.json');
  const population = generateDemoApplicants({ seed: 23, persons: 40, enterprises: 20 });
  const rows = [...departmentRecordRows(generateDepartmentData(population, { seed: 23 }))];
  let dataSource: DataSource;

  beforeAll(() => {
    const shipped = JSON.parse(
      readFileSync(findRepositoryFile('libs/matching/specs/department-records.json'), 'utf8'),
    ) as Record<string, unknown>;
    writeFileSync(spec, JSON.stringify({ ...shipped, em: { randomPairs: 50_000 } }));
    const bad = [
      { ...rows[0], record_id: 'tax:X-1', system: 'customs' },
      { ...rows[1], record_id: rows[1].record_id, name: 'a second row with the same id' },
      { ...rows[2], record_id: 'tax:X-3', system: 'tax', kind: 'ROBOT' },
      { ...rows[3], record_id: 'tax:X-4', system: 'tax', name: '' },
    ];
    writeFileSync(
      file,
      stringify([
        [...DEPARTMENT_RECORD_COLUMNS],
        ...[...rows, ...bad].map((r) => DEPARTMENT_RECORD_COLUMNS.map((c) => r[c])),
      ]),
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    rmSync(dir, { recursive: true, force: true });
    process.exitCode = 0;
  });

  it('loads the records as applicants, refusing bad rows with their line and reason', async () => {
    const lines = await runCli(
      url,
      'import',
      file,
      '--rejects',
      rejects,
      '--spec',
      spec,
      '--no-progress',
    );
    const last = rows.length + 1;
    expect(lines.slice(0, 6)).toEqual([
      `Read ${rows.length + 4} rows from ${file}: ${rows.length} records, 4 refused.`,
      `  line ${last + 1}: system must be one of project-approval, land-planning, tax, social-insurance, not "customs"`,
      `  line ${last + 2}: record_id appears earlier in the file`,
      `  line ${last + 3}: kind must be PERSON or ENTERPRISE`,
      `  line ${last + 4}: name is empty`,
      `Refused rows written to ${rejects}.`,
    ]);
    expect(lines[6]).toMatch(new RegExp(`^Resolved ${rows.length} records: ${rows.length} new`));
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    const refused = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(refused[0]).toBe(['line', 'reason', ...DEPARTMENT_RECORD_COLUMNS].join(','));
    expect(refused).toHaveLength(5);

    dataSource = new DataSource(databaseOptionsFromUrl(url));
    await dataSource.initialize();
    const [{ n }] = await dataSource.query<{ n: number }[]>(
      "SELECT COUNT(*) AS n FROM applicants WHERE status = 'ACTIVE'",
    );
    // The departments hold several records of most applicants: far fewer applicants than records.
    expect(Number(n)).toBeGreaterThanOrEqual(population.length * 0.9);
    expect(Number(n)).toBeLessThanOrEqual(population.length * 1.1);
    expect(Number(n)).toBeLessThan(rows.length * 0.7);
  });

  it('changes nothing when the same records come again', async () => {
    const lines = await runCli(url, 'import', file, '--spec', spec, '--no-progress');
    expect(lines.find((l) => l.startsWith('Resolved'))).toMatch(
      /Resolved \d+ records: 0 new, 0 updated; 0 applicants created/,
    );
    process.exitCode = 0;
  });
});
