import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ColumnFactory, foreignKey, isMysqlFamily } from './portable-schema';

/**
 * The applicant registry's first tables. Written with the schema builder and
 * portable types so the same file runs on MariaDB / MySQL and on SQLite. A
 * migration is a frozen snapshot: it names everything literally instead of
 * importing from the entities, which may move on.
 */
export class CreateRegistry1795608000000 implements MigrationInterface {
  // Explicit, so the name survives minification and does not depend on the class name.
  readonly name = 'CreateRegistry1795608000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new ColumnFactory(isMysqlFamily(queryRunner));

    await queryRunner.createTable(
      new Table({
        name: 'applicants',
        columns: [
          c.id(),
          c.code('kind', 16),
          c.code('name', 200),
          c.code('status', 16),
          c.code('merged_into_id', 36, { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_applicants_name', columnNames: ['name'] }),
          new TableIndex({ name: 'IDX_applicants_status', columnNames: ['status'] }),
          new TableIndex({
            name: 'IDX_applicants_merged_into_id',
            columnNames: ['merged_into_id'],
          }),
        ],
        foreignKeys: [foreignKey('FK_applicants_merged_into_id', 'merged_into_id', 'applicants')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'applicant_identifiers',
        columns: [
          c.id(),
          c.code('applicant_id', 36),
          c.code('scheme', 32),
          c.code('value', 64),
          c.code('original_value', 64, { isNullable: true }),
          c.code('active_value', 64, { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_applicant_identifiers_scheme_active_value',
            columnNames: ['scheme', 'active_value'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_applicant_identifiers_scheme_value',
            columnNames: ['scheme', 'value'],
          }),
          new TableIndex({
            name: 'IDX_applicant_identifiers_scheme_original_value',
            columnNames: ['scheme', 'original_value'],
          }),
          new TableIndex({
            name: 'IDX_applicant_identifiers_applicant_id',
            columnNames: ['applicant_id'],
          }),
        ],
        foreignKeys: [
          foreignKey('FK_applicant_identifiers_applicant_id', 'applicant_id', 'applicants'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'source_records',
        columns: [
          c.id(),
          c.code('applicant_id', 36),
          c.code('system', 64),
          c.code('local_id', 128),
          c.text('raw_payload'),
          c.text('normalized'),
          c.timestamp('observed_at'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_source_records_system_local_id',
            columnNames: ['system', 'local_id'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_source_records_applicant_id',
            columnNames: ['applicant_id'],
          }),
        ],
        foreignKeys: [foreignKey('FK_source_records_applicant_id', 'applicant_id', 'applicants')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'golden_attributes',
        columns: [
          c.id(),
          c.code('applicant_id', 36),
          c.code('name', 64),
          c.text('value'),
          c.code('source_system', 64),
          c.code('source_record_id', 36, { isNullable: true }),
          c.timestamp('observed_at'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_golden_attributes_applicant_id_name',
            columnNames: ['applicant_id', 'name'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_golden_attributes_source_record_id',
            columnNames: ['source_record_id'],
          }),
        ],
        foreignKeys: [
          foreignKey('FK_golden_attributes_applicant_id', 'applicant_id', 'applicants'),
          foreignKey('FK_golden_attributes_source_record_id', 'source_record_id', 'source_records'),
        ],
      }),
    );

    if (isMysqlFamily(queryRunner)) {
      // The schema builder has no table-level charset. Every column above already
      // names its own; this sets the default that columns added later inherit,
      // whatever the database's own default is.
      for (const table of TABLES) {
        await queryRunner.query(
          `ALTER TABLE \`${table}\` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await queryRunner.dropTable(table, true, true, true);
    }
  }
}

const TABLES = ['applicants', 'applicant_identifiers', 'source_records', 'golden_attributes'];
