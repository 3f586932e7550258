import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ApplicantKind, ApplicantStatus } from './registry.types';

/**
 * Row of `applicants`. The schema comes from the migrations; these decorators
 * describe it for TypeORM and are checked against the migrated schema in
 * `migrations/create-registry.db-spec.ts`.
 */
@Entity({ name: 'applicants' })
@Index('IDX_applicants_name', ['name'])
@Index('IDX_applicants_status', ['status'])
@Index('IDX_applicants_merged_into_id', ['mergedIntoId'])
export class ApplicantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ApplicantKind;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ApplicantStatus;

  @Column({ name: 'merged_into_id', type: 'varchar', length: 36, nullable: true })
  mergedIntoId!: string | null;

  // Declared only so TypeORM knows the foreign key; the registry never loads relations.
  @ManyToOne(() => ApplicantEntity, {
    nullable: true,
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'FK_applicants_merged_into_id' })
  mergedInto?: ApplicantEntity | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
