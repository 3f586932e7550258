import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ColumnFactory, foreignKey, isMysqlFamily } from './portable-schema';

/**
 * Access (DESIGN.md §7): the consumers that may call the gateway, their API
 * keys (only the SHA-256 of each secret is stored), and the grants of
 * conditional data items (有条件共享) they request and providers decide.
 */
export class CreateAccess1796100000000 implements MigrationInterface {
  readonly name = 'CreateAccess1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new ColumnFactory(isMysqlFamily(queryRunner));
    await queryRunner.createTable(
      new Table({
        name: 'consumers',
        columns: [
          c.id(),
          c.code('name', 100),
          c.code('department', 64, { isNullable: true }),
          c.code('roles', 200),
          c.text('description', { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('revoked_at', { isNullable: true }),
          c.text('revoked_reason', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'UQ_consumers_name', columnNames: ['name'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'consumer_keys',
        columns: [
          { ...c.code('key_id', 12), isPrimary: true },
          c.code('consumer_id', 36),
          c.code('secret_hash', 64),
          c.timestamp('created_at'),
          c.timestamp('expires_at', { isNullable: true }),
          c.timestamp('revoked_at', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'IDX_consumer_keys_consumer_id', columnNames: ['consumer_id'] }),
        ],
        foreignKeys: [foreignKey('FK_consumer_keys_consumer_id', 'consumer_id', 'consumers')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'data_grants',
        columns: [
          c.id(),
          c.code('consumer_id', 36),
          c.code('provider', 64),
          c.text('items'),
          c.code('purpose', 64),
          c.text('basis'),
          c.code('status', 16),
          c.code('requested_by', 128),
          c.timestamp('requested_at'),
          c.timestamp('due_at'),
          c.code('decided_by', 128, { isNullable: true }),
          c.timestamp('decided_at', { isNullable: true }),
          c.text('decision_reason', { isNullable: true }),
          c.timestamp('expires_at', { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_data_grants_consumer_id_status',
            columnNames: ['consumer_id', 'status'],
          }),
          new TableIndex({
            name: 'IDX_data_grants_provider_status',
            columnNames: ['provider', 'status'],
          }),
        ],
        foreignKeys: [foreignKey('FK_data_grants_consumer_id', 'consumer_id', 'consumers')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('data_grants', true, true, true);
    await queryRunner.dropTable('consumer_keys', true, true, true);
    await queryRunner.dropTable('consumers', true, true, true);
  }
}
