import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ColumnFactory, foreignKey, isMysqlFamily } from './portable-schema';

/**
 * Applications (one form, many departments): the applications, each
 * procedure's status at its department, the append-only application history,
 * and the transactional outbox of deliveries.
 */
export class CreateApplications1795900000000 implements MigrationInterface {
  readonly name = 'CreateApplications1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new ColumnFactory(isMysqlFamily(queryRunner));
    const integer = (name: string) => ({ name, type: 'integer', isNullable: false });

    await queryRunner.createTable(
      new Table({
        name: 'applications',
        columns: [
          c.id(),
          c.code('application_no', 32),
          c.code('applicant_id', 36),
          c.code('client_key', 128),
          c.code('submitted_by', 128),
          c.code('request_hash', 64),
          c.text('procedures'),
          c.text('items'),
          c.code('status', 16),
          c.timestamp('submitted_at'),
          c.timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_applications_application_no',
            columnNames: ['application_no'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'UQ_applications_submitted_by_client_key',
            columnNames: ['submitted_by', 'client_key'],
            isUnique: true,
          }),
          new TableIndex({ name: 'IDX_applications_applicant_id', columnNames: ['applicant_id'] }),
        ],
        foreignKeys: [foreignKey('FK_applications_applicant_id', 'applicant_id', 'applicants')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'application_procedures',
        columns: [
          { ...c.code('application_id', 36), isPrimary: true },
          { ...c.code('procedure', 64), isPrimary: true },
          c.code('department', 64),
          c.code('status', 24),
          c.timestamp('status_at'),
          c.timestamp('received_at', { isNullable: true }),
          c.code('receipt_no', 128, { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_application_procedures_department_status',
            columnNames: ['department', 'status'],
          }),
        ],
        foreignKeys: [
          foreignKey('FK_application_procedures_application_id', 'application_id', 'applications'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'application_events',
        columns: [
          c.id(),
          c.code('application_id', 36),
          integer('seq'),
          c.code('procedure', 64, { isNullable: true }),
          c.code('department', 64, { isNullable: true }),
          c.code('type', 32),
          c.code('actor', 128),
          c.text('note', { isNullable: true }),
          c.text('payload'),
          c.timestamp('occurred_at'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_application_events_application_id_seq',
            columnNames: ['application_id', 'seq'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          foreignKey('FK_application_events_application_id', 'application_id', 'applications'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'deliveries',
        columns: [
          c.id(),
          c.code('kind', 16),
          c.code('application_id', 36, { isNullable: true }),
          c.code('procedure', 64, { isNullable: true }),
          c.code('target', 64),
          c.code('idempotency_key', 128),
          c.text('payload'),
          c.code('state', 16),
          integer('attempts'),
          c.timestamp('next_attempt_at'),
          c.code('lease_owner', 64, { isNullable: true }),
          c.timestamp('lease_until', { isNullable: true }),
          c.text('last_error', { isNullable: true }),
          c.code('receipt_no', 128, { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('delivered_at', { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_deliveries_idempotency_key',
            columnNames: ['idempotency_key'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_deliveries_state_next_attempt_at',
            columnNames: ['state', 'next_attempt_at'],
          }),
          new TableIndex({
            name: 'IDX_deliveries_application_id',
            columnNames: ['application_id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'deliveries',
      'application_events',
      'application_procedures',
      'applications',
    ])
      await queryRunner.dropTable(table, true, true, true);
  }
}
