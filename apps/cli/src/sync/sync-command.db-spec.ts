import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoApplicants } from '@oncegate/demo';
import { findRepositoryFile } from '@oncegate/registry';
import {
  DEMO_SOCIAL_INSURANCE_CREDENTIALS,
  startDepartmentSimulators,
  type DepartmentSimulators,
} from '@oncegate/simulators';
import { DataSource } from 'typeorm';
import { databaseOptionsFromUrl } from '@oncegate/registry';
import { runSync } from './sync-command';

/**
 * `oncegate sync` against the four simulated departments over HTTP: the
 * first run is the bulk load, the second finds nothing, a change at a
 * department comes through as one updated record on the same applicant.
 */
describe('oncegate sync', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-sync-'));
  const population = generateDemoApplicants({ seed: 17, persons: 60, enterprises: 30 });
  let sims: DepartmentSimulators;
  let dataSource: DataSource;
  let env: Record<string, string>;
  const specFile = join(dir, 'spec.json');

  beforeAll(async () => {
    const spec = JSON.parse(
      readFileSync(findRepositoryFile('libs/matching/specs/department-records.json'), 'utf8'),
    ) as Record<string, unknown>;
    writeFileSync(specFile, JSON.stringify({ ...spec, em: { randomPairs: 50_000 } }));
    sims = await startDepartmentSimulators({ population, seed: 17, validateResponses: true });
    env = {
      PROJECT_APPROVAL_URL: sims.urls['project-approval']!,
      LAND_PLANNING_URL: sims.urls['land-planning']!,
      TAX_URL: sims.urls.tax!,
      SOCIAL_INSURANCE_URL: sims.urls['social-insurance']!,
      SOCIAL_INSURANCE_APP_KEY: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appKey,
      SOCIAL_INSURANCE_APP_SECRET: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appSecret,
    };
    dataSource = new DataSource(databaseOptionsFromUrl(`sqlite:${join(dir, 'sync.sqlite')}`));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await sims?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function sync(): Promise<string[]> {
    const lines: string[] = [];
    await runSync(dataSource, { pageSize: 7, spec: specFile }, env, (l) => lines.push(l));
    return lines;
  }

  it('loads every department record on the first run, grouped into applicants', async () => {
    const lines = (await sync()).join('\n');
    const records = sims.truth.length;
    expect(lines).toContain(`Resolved ${records} records: ${records} new`);
    const applicants = new Set(sims.truth.map((t) => t.applicantKey)).size;
    const created = Number(/(\d+) applicants created/.exec(lines)?.[1]);
    expect(created).toBeGreaterThanOrEqual(applicants);
    expect(created).toBeLessThanOrEqual(applicants + 2);
  });

  it('finds nothing on a second run', async () => {
    expect(await sync()).toContain('Nothing changed since the last sync.');
  });

  it('brings a change at a department through, on the same applicant', async () => {
    const row = sims.truth.find((t) => t.system === 'tax')!;
    const before = await dataSource.query<{ applicant_id: string }[]>(
      "SELECT applicant_id FROM source_records WHERE system = 'tax' AND local_id = ?",
      [row.localId],
    );
    expect(
      sims.updateRecord('tax', row.localId, {
        phone: '0572-6999999',
        changedAt: new Date(Date.now() + 60_000),
      }),
    ).toBe(true);
    const lines = (await sync()).join('\n');
    expect(lines).toMatch(/Read: .*tax 1/);
    expect(lines).toContain('0 new, 1 updated');
    const after = await dataSource.query<{ applicant_id: string; normalized: string }[]>(
      "SELECT applicant_id, normalized FROM source_records WHERE system = 'tax' AND local_id = ?",
      [row.localId],
    );
    expect(after[0].applicant_id).toBe(before[0].applicant_id);
    expect(JSON.parse(after[0].normalized)).toMatchObject({ phone: '0572-6999999' });
  });
});
