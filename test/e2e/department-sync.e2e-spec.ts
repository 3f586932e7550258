import { mkdtempSync, rmSync } from 'node:fs';
import { smallCountySpecFile } from '../support/construction-application';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DepartmentSimulatorHost } from '../../apps/gateway/src/departments/department-simulator-host';
import { SyncWorker } from '../../apps/gateway/src/sync/sync.worker';
import { describeGateway } from '../support/gateway';
import { DataSource } from 'typeorm';

/**
 * Journey: the gateway pulls the four departments' records into the
 * registry. The demo applicants are seeded, and the simulated departments
 * hold records of the same people and enterprises (with their mess): the sync
 * must attach those records to the applicants already there, not make new ones.
 */
const dir = mkdtempSync(join(tmpdir(), 'oncegate-sync-e2e-'));
const specFile = smallCountySpecFile(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeGateway(
  'department sync',
  (gateway) => {
    const count = async (sql: string): Promise<number> =>
      Number((await gateway.app.get(DataSource).query<{ n: unknown }[]>(sql))[0].n);

    it('attaches the departments’ records to the seeded applicants', async () => {
      const applicantsBefore = await count(
        "SELECT COUNT(*) AS n FROM applicants WHERE status = 'ACTIVE'",
      );
      await gateway.app.get(SyncWorker).runOnce();
      const truth = gateway.app.get(DepartmentSimulatorHost).simulators().truth;
      const cursors = await count('SELECT COUNT(*) AS n FROM sync_cursors');
      expect(cursors).toBe(4);
      const records = await count('SELECT COUNT(*) AS n FROM source_records');
      expect(records).toBeGreaterThanOrEqual(truth.length);
      const applicantsAfter = await count(
        "SELECT COUNT(*) AS n FROM applicants WHERE status = 'ACTIVE'",
      );
      // The same population: at most a handful of records the matcher could not place.
      expect(applicantsAfter - applicantsBefore).toBeLessThanOrEqual(
        Math.ceil(truth.length * 0.01),
      );
      // Each real person or enterprise ends up on one applicant.
      const placed = new Map(
        (
          await gateway.app
            .get(DataSource)
            .query<{ system: string; local_id: string; applicant_id: string }[]>(
              'SELECT system, local_id, applicant_id FROM source_records',
            )
        ).map((r) => [`${r.system}:${r.local_id}`, r.applicant_id]),
      );
      const applicantsOf = new Map<string, Set<string>>();
      for (const row of truth) {
        const set = applicantsOf.get(row.applicantKey) ?? new Set<string>();
        set.add(placed.get(`${row.system}:${row.localId}`)!);
        applicantsOf.set(row.applicantKey, set);
      }
      const scattered = [...applicantsOf.values()].filter((s) => s.size > 1).length;
      expect(scattered).toBeLessThanOrEqual(Math.ceil(applicantsOf.size * 0.01));
    });

    it('reads an enterprise’s records from several departments', async () => {
      const res = await gateway.graphql<{
        searchApplicants: { sourceRecords: { system: string }[]; history: { type: string }[] }[];
      }>(
        `query { searchApplicants(name: "有限", first: 100) { sourceRecords { system } history { type } } }`,
      );
      expect(res.errors).toBeUndefined();
      const systems = res.data!.searchApplicants.map(
        (a) => new Set(a.sourceRecords.map((r) => r.system)).size,
      );
      expect(Math.max(...systems)).toBeGreaterThanOrEqual(3);
    });

    it('finds nothing new on the next run', async () => {
      const before = await count('SELECT COUNT(*) AS n FROM source_records');
      await gateway.app.get(SyncWorker).runOnce();
      expect(await count('SELECT COUNT(*) AS n FROM source_records')).toBe(before);
    });
  },
  { MATCH_SPEC_FILE: specFile },
);
