import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ColumnFactory, isMysqlFamily } from './portable-schema';

/**
 * The audit trail: one row per exchange, chained by SHA-256 (see
 * libs/audit), with side tables of the applicants and data items each
 * touched (for the auditor's filters), the signed anchors of the chain's
 * head, and the head itself — one row whose lock orders appends from every
 * process into one chain. No foreign keys: the trail outlives what it names.
 */
export class CreateAudit1796200000000 implements MigrationInterface {
  readonly name = 'CreateAudit1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new ColumnFactory(isMysqlFamily(queryRunner));
    const integer = (name: string) => ({ name, type: 'integer', isNullable: false });
    const seq = (name = 'seq') => ({ name, type: 'bigint', isNullable: false });
    await queryRunner.createTable(
      new Table({
        name: 'audit_records',
        columns: [
          { ...seq(), isPrimary: true },
          c.timestamp('at'),
          c.code('request_id', 64, { isNullable: true }),
          c.code('consumer', 100, { isNullable: true }),
          c.code('user_id', 100, { isNullable: true }),
          c.code('purpose', 64, { isNullable: true }),
          c.code('case_id', 100, { isNullable: true }),
          c.code('kind', 16),
          c.code('operation_name', 200, { isNullable: true }),
          c.code('document_hash', 64, { isNullable: true }),
          c.text('applicants'),
          c.text('data_items'),
          c.text('departments'),
          c.code('outcome', 16),
          c.text('error_codes'),
          integer('duration_ms'),
          c.code('prev_hash', 64),
          c.code('hash', 64),
        ],
        indices: [
          new TableIndex({ name: 'IDX_audit_records_at', columnNames: ['at'] }),
          new TableIndex({
            name: 'IDX_audit_records_consumer_seq',
            columnNames: ['consumer', 'seq'],
          }),
          new TableIndex({ name: 'IDX_audit_records_case_id', columnNames: ['case_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_record_applicants',
        columns: [
          { ...c.code('applicant_id', 36), isPrimary: true },
          { ...seq(), isPrimary: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_record_items',
        columns: [
          { ...c.code('item', 64), isPrimary: true },
          { ...seq(), isPrimary: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_anchors',
        columns: [
          { ...seq(), isPrimary: true },
          { ...c.code('key_id', 16), isPrimary: true },
          c.code('hash', 64),
          c.code('at', 24),
          c.code('signature', 128),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_head',
        columns: [{ ...c.code('name', 16), isPrimary: true }, seq(), c.code('hash', 64)],
      }),
    );
    await queryRunner.query('INSERT INTO audit_head (name, seq, hash) VALUES (?, 0, ?)', [
      'chain',
      '0'.repeat(64),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'audit_head',
      'audit_anchors',
      'audit_record_items',
      'audit_record_applicants',
      'audit_records',
    ])
      await queryRunner.dropTable(table, true, true, true);
  }
}
