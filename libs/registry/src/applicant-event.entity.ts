import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ApplicantEntity } from './applicant.entity';

/** Row of `applicant_events`: the append-only history of an applicant. */
@Entity({ name: 'applicant_events' })
@Index('IDX_applicant_events_applicant_id_occurred_at', ['applicantId', 'occurredAt'])
export class ApplicantEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'applicant_id', type: 'varchar', length: 36 })
  applicantId!: string;

  @ManyToOne(() => ApplicantEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({
    name: 'applicant_id',
    foreignKeyConstraintName: 'FK_applicant_events_applicant_id',
  })
  applicant?: ApplicantEntity;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'related_applicant_id', type: 'varchar', length: 36, nullable: true })
  relatedApplicantId!: string | null;

  @Column({ type: 'varchar', length: 128 })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt!: Date;
}
