import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ColumnFactory, foreignKey, isMysqlFamily } from './portable-schema';

/**
 * Entity resolution's tables: the applicants' history (every link, merge and
 * split, with its reason), the review queue of uncertain matches, and each
 * department's sync cursor.
 */
export class CreateResolution1795700000000 implements MigrationInterface {
  readonly name = 'CreateResolution1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new ColumnFactory(isMysqlFamily(queryRunner));

    await queryRunner.createTable(
      new Table({
        name: 'applicant_events',
        columns: [
          c.id(),
          c.code('applicant_id', 36),
          c.code('type', 32),
          c.code('related_applicant_id', 36, { isNullable: true }),
          c.code('actor', 128),
          c.text('reason', { isNullable: true }),
          c.text('payload'),
          c.timestamp('occurred_at'),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_applicant_events_applicant_id_occurred_at',
            columnNames: ['applicant_id', 'occurred_at'],
          }),
        ],
        foreignKeys: [foreignKey('FK_applicant_events_applicant_id', 'applicant_id', 'applicants')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'match_candidates',
        columns: [
          c.id(),
          c.code('record_a_id', 36),
          c.code('record_b_id', 36),
          c.double('probability'),
          c.double('weight'),
          c.text('explanation'),
          c.code('status', 16),
          c.code('decided_by', 128, { isNullable: true }),
          c.text('reason', { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('decided_at', { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_match_candidates_record_a_id_record_b_id',
            columnNames: ['record_a_id', 'record_b_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'IDX_match_candidates_status', columnNames: ['status'] }),
          new TableIndex({
            name: 'IDX_match_candidates_record_b_id',
            columnNames: ['record_b_id'],
          }),
        ],
        foreignKeys: [
          foreignKey('FK_match_candidates_record_a_id', 'record_a_id', 'source_records'),
          foreignKey('FK_match_candidates_record_b_id', 'record_b_id', 'source_records'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sync_cursors',
        columns: [
          { ...c.code('system', 64), isPrimary: true },
          c.timestamp('changed_at'),
          c.code('local_id', 128),
          c.timestamp('updated_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['sync_cursors', 'match_candidates', 'applicant_events']) {
      await queryRunner.dropTable(table, true, true, true);
    }
  }
}
