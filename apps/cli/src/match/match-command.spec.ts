import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { generateDemoApplicants } from '@oncegate/demo';
import { generateDepartmentData, labelledDepartmentRecords } from '@oncegate/simulators';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { buildCli } from '../cli';

const SPEC = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'libs',
  'matching',
  'specs',
  'department-records.json',
);

describe('oncegate match', () => {
  let dir: string;
  let lines: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'oncegate-match-'));
    const population = generateDemoApplicants({ seed: 5, persons: 400, enterprises: 200 });
    const labelled = [
      ...labelledDepartmentRecords(generateDepartmentData(population, { seed: 5 })),
    ];
    const columns = Object.keys(labelled[0].row);
    writeFileSync(
      join(dir, 'records.csv'),
      stringify(
        labelled.map((l) => l.row),
        { header: true, columns },
      ),
    );
    writeFileSync(
      join(dir, 'truth.csv'),
      stringify(
        labelled.map((l) => [l.row.record_id, l.applicantKey]),
        { header: true, columns: ['record_id', 'applicant_key'] },
      ),
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function readRows(file: string): Record<string, string>[] {
    return parse<Record<string, string>>(readFileSync(join(dir, file)), { columns: true });
  }

  async function run(...args: string[]): Promise<void> {
    lines = [];
    await buildCli(new Command().exitOverride(), (l) => lines.push(l)).parseAsync([
      'node',
      'oncegate',
      'match',
      ...args,
    ]);
  }

  it('deduplicates a file, writes pairs and clusters, and measures against the truth', async () => {
    await run(
      '--input',
      join(dir, 'records.csv'),
      '--spec',
      SPEC,
      '--out',
      join(dir, 'pairs.csv'),
      '--clusters',
      join(dir, 'clusters.csv'),
      '--truth',
      join(dir, 'truth.csv'),
      '--no-progress',
    );
    const f1 = /Pairwise: precision ([\d.]+), recall ([\d.]+), F1 ([\d.]+)/.exec(lines.join('\n'));
    expect(f1).not.toBeNull();
    expect(Number(f1![3])).toBeGreaterThan(0.98);
    const pairs = readRows('pairs.csv');
    expect(pairs.length).toBeGreaterThan(0);
    expect(Object.keys(pairs[0])).toEqual(
      expect.arrayContaining([
        'left_id',
        'right_id',
        'probability',
        'decision',
        'uscc_level',
        'uscc_weight',
      ]),
    );
    expect(new Set(pairs.map((p) => p.decision))).not.toContain('NO_LINK');
    const clusters = readRows('clusters.csv');
    const records = readRows('records.csv');
    expect(clusters).toHaveLength(records.length);
    // Every linked pair sits in one cluster.
    const clusterOf = new Map(clusters.map((c) => [c.id, c.cluster]));
    for (const p of pairs.filter((x) => x.decision === 'LINK'))
      expect(clusterOf.get(p.left_id)).toBe(clusterOf.get(p.right_id));
  });

  it('refuses a spec that is not one, listing the problems', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ id: 'x', fields: [] }));
    await expect(
      run(
        '--input',
        join(dir, 'records.csv'),
        '--spec',
        join(dir, 'bad.json'),
        '--out',
        join(dir, 'p.csv'),
        '--no-progress',
      ),
    ).rejects.toThrow(/INVALID_SPEC: .*fields must NOT have fewer than 1 items/);
  });

  it('refuses an input without a column the spec reads', async () => {
    writeFileSync(join(dir, 'thin.csv'), 'record_id,name\n1,张三\n');
    await expect(
      run(
        '--input',
        join(dir, 'thin.csv'),
        '--spec',
        SPEC,
        '--out',
        join(dir, 'p.csv'),
        '--no-progress',
      ),
    ).rejects.toThrow(/INVALID_INPUT: input 1 has no column kind/);
  });

  it('refuses three inputs', async () => {
    const input = join(dir, 'records.csv');
    await expect(
      run(
        '--input',
        input,
        '--input',
        input,
        '--input',
        input,
        '--spec',
        SPEC,
        '--out',
        join(dir, 'p.csv'),
      ),
    ).rejects.toThrow(/one --input to deduplicate, or two to link/);
  });
});
