import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ColumnFactory, isMysqlFamily } from './portable-schema';

/** The `resolution_state` row whose lock orders the change log (see `appendChanges`). */
const CHANGE_LOG_STATE = 'applicant_changes';

/**
 * The change log: one row per golden attribute that changed on an applicant,
 * written in the transaction that changed it, with the fan-out's lease and
 * mark. Ids are numbered in commit order under the lock of a
 * `resolution_state` row this migration adds. No foreign key to
 * `applicants`: logging a change, done while that lock is held, must never
 * wait for an applicant row another transaction holds (applicants are never
 * deleted, and merged ones keep their id).
 */
export class CreateApplicantChanges1796000000000 implements MigrationInterface {
  readonly name = 'CreateApplicantChanges1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new ColumnFactory(isMysqlFamily(queryRunner));
    await queryRunner.createTable(
      new Table({
        name: 'applicant_changes',
        columns: [
          { name: 'id', type: 'bigint', isPrimary: true, isNullable: false },
          c.code('applicant_id', 36),
          c.code('attribute', 64),
          c.text('old_value', { isNullable: true }),
          c.text('new_value', { isNullable: true }),
          c.code('source_system', 64, { isNullable: true }),
          c.code('source_record_id', 36, { isNullable: true }),
          c.timestamp('observed_at', { isNullable: true }),
          c.timestamp('changed_at'),
          c.timestamp('fanned_out_at', { isNullable: true }),
          c.code('lease_owner', 64, { isNullable: true }),
          c.timestamp('lease_until', { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_applicant_changes_fanned_out_at_id',
            columnNames: ['fanned_out_at', 'id'],
          }),
        ],
      }),
    );
    // A constant timestamp in a form both databases read the same way (UTC).
    await queryRunner.query(
      'INSERT INTO resolution_state (name, revision, parameters, updated_at) VALUES (?, 0, NULL, ?)',
      [CHANGE_LOG_STATE, '1970-01-01 00:00:00.000'],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM resolution_state WHERE name = ?', [CHANGE_LOG_STATE]);
    await queryRunner.dropTable('applicant_changes', true, true, true);
  }
}
