import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Retention removes the oldest audit records by number: the side tables of
 * applicants and data items get an index on `seq` for it (their keys lead
 * with the applicant or the item). Where the stored chain starts after a
 * retention run is an `audit_head` row named `base`, written by that run.
 */
export class AuditRetention1796300000000 implements MigrationInterface {
  readonly name = 'AuditRetention1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'audit_record_applicants',
      new TableIndex({ name: 'IDX_audit_record_applicants_seq', columnNames: ['seq'] }),
    );
    await queryRunner.createIndex(
      'audit_record_items',
      new TableIndex({ name: 'IDX_audit_record_items_seq', columnNames: ['seq'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('audit_record_items', 'IDX_audit_record_items_seq');
    await queryRunner.dropIndex('audit_record_applicants', 'IDX_audit_record_applicants_seq');
  }
}
