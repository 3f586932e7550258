import { describeEachDatabase } from '../testing/test-database';
import { registryMigrations } from './registry-migrations';
import { runMigrations } from './run-migrations';

const TABLES = [
  'applicants',
  'applicant_identifiers',
  'source_records',
  'golden_attributes',
  'applicant_events',
  'match_candidates',
  'sync_cursors',
  'resolution_state',
  'applications',
  'application_procedures',
  'application_events',
  'deliveries',
  'applicant_changes',
];

describeEachDatabase(
  'registry migrations',
  (db) => {
    const tablesPresent = async (): Promise<string[]> => {
      const runner = db.dataSource.createQueryRunner();
      try {
        const present: string[] = [];
        for (const table of TABLES) {
          if (await runner.hasTable(table)) present.push(table);
        }
        return present;
      } finally {
        await runner.release();
      }
    };

    it('start from an empty database', async () => {
      expect(await tablesPresent()).toEqual([]);
    });

    it('apply every registry migration, in order, once', async () => {
      const expected = registryMigrations.map((migration) => new migration().name);
      expect(await runMigrations(db.dataSource)).toEqual(expected);
      expect(await tablesPresent()).toEqual(TABLES);
      expect(await runMigrations(db.dataSource)).toEqual([]);
    });

    it('create the schema the entities describe (nothing left for synchronize to do)', async () => {
      const pending = await db.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    });

    it('create the declared indexes', async () => {
      const runner = db.dataSource.createQueryRunner();
      try {
        const identifiers = await runner.getTable('applicant_identifiers');
        const unique = identifiers?.indices.find(
          (index) => index.name === 'UQ_applicant_identifiers_scheme_active_value',
        );
        expect(unique?.isUnique).toBe(true);
        expect(unique?.columnNames).toEqual(['scheme', 'active_value']);
        const records = await runner.getTable('source_records');
        expect(
          records?.indices.find((index) => index.name === 'UQ_source_records_system_local_id')
            ?.isUnique,
        ).toBe(true);
        const applicants = await runner.getTable('applicants');
        expect(applicants?.indices.map((index) => index.name).sort()).toEqual([
          'IDX_applicants_merged_into_id',
          'IDX_applicants_name',
          'IDX_applicants_status',
        ]);
      } finally {
        await runner.release();
      }
    });

    if (db.target.label === 'sqlite') {
      it('open SQLite with foreign keys on and a write-ahead log', async () => {
        expect(await db.dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
        expect(await db.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      });
    } else {
      it('make every text column utf8mb4 and default the tables to utf8mb4_unicode_ci', async () => {
        const columns: { table: string; column: string; charset: string; collation: string }[] =
          await db.dataSource.query(
            `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\`,
                    CHARACTER_SET_NAME AS charset, COLLATION_NAME AS collation
               FROM information_schema.COLUMNS
              WHERE TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME IS NOT NULL
                AND TABLE_NAME IN (?)`,
            [TABLES],
          );
        expect(columns.length).toBeGreaterThan(20);
        expect(columns.filter((c) => c.charset !== 'utf8mb4')).toEqual([]);
        const collation = (table: string, column: string): string | undefined =>
          columns.find((c) => c.table === table && c.column === column)?.collation;
        expect(collation('applicants', 'name')).toBe('utf8mb4_bin');
        expect(collation('applicant_identifiers', 'active_value')).toBe('utf8mb4_bin');
        expect(collation('source_records', 'raw_payload')).toBe('utf8mb4_unicode_ci');

        const tables: { table: string; collation: string }[] = await db.dataSource.query(
          `SELECT TABLE_NAME AS \`table\`, TABLE_COLLATION AS collation
             FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)`,
          [TABLES],
        );
        expect(tables.map((t) => t.collation)).toEqual(TABLES.map(() => 'utf8mb4_unicode_ci'));
      });
    }

    it('revert completely', async () => {
      for (let i = 0; i < registryMigrations.length; i += 1) {
        await db.dataSource.undoLastMigration({ transaction: 'each' });
      }
      expect(await tablesPresent()).toEqual([]);
      expect(await db.dataSource.showMigrations()).toBe(true);
    });

    it('apply again after reverting', async () => {
      expect(await runMigrations(db.dataSource)).toHaveLength(registryMigrations.length);
      expect(await tablesPresent()).toEqual(TABLES);
      const pending = await db.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries).toEqual([]);
    });
  },
  { migrate: false },
);
