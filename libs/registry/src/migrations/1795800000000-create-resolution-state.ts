import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ColumnFactory, isMysqlFamily } from './portable-schema';

/**
 * The registry's resolution state: a revision counter every ingest raises
 * (so that a process's in-memory match index knows when another process has
 * changed the records) and the matching parameters last learned.
 */
export class CreateResolutionState1795800000000 implements MigrationInterface {
  readonly name = 'CreateResolutionState1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new ColumnFactory(isMysqlFamily(queryRunner));
    await queryRunner.createTable(
      new Table({
        name: 'resolution_state',
        columns: [
          { ...c.code('name', 64), isPrimary: true },
          { name: 'revision', type: 'integer', isNullable: false },
          c.text('parameters', { isNullable: true }),
          c.timestamp('updated_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('resolution_state', true, true, true);
  }
}
