import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ApplicantEntity } from './applicant.entity';
import type { IdentifierScheme } from './registry.types';

/** Row of `applicant_identifiers`. */
@Entity({ name: 'applicant_identifiers' })
@Index('UQ_applicant_identifiers_scheme_active_value', ['scheme', 'activeValue'], { unique: true })
@Index('IDX_applicant_identifiers_scheme_value', ['scheme', 'value'])
@Index('IDX_applicant_identifiers_scheme_original_value', ['scheme', 'originalValue'])
@Index('IDX_applicant_identifiers_applicant_id', ['applicantId'])
export class ApplicantIdentifierEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'applicant_id', type: 'varchar', length: 36 })
  applicantId!: string;

  @ManyToOne(() => ApplicantEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({
    name: 'applicant_id',
    foreignKeyConstraintName: 'FK_applicant_identifiers_applicant_id',
  })
  applicant?: ApplicantEntity;

  @Column({ type: 'varchar', length: 32 })
  scheme!: IdentifierScheme;

  @Column({ type: 'varchar', length: 64 })
  value!: string;

  @Column({ name: 'original_value', type: 'varchar', length: 64, nullable: true })
  originalValue!: string | null;

  /**
   * `value` while the applicant is ACTIVE, NULL once merged away. The unique
   * index on (scheme, active_value) then means "unique among active applicants"
   * on every database, because NULLs never collide — no partial index needed.
   */
  @Column({ name: 'active_value', type: 'varchar', length: 64, nullable: true })
  activeValue!: string | null;
}
