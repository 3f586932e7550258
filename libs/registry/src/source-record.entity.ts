import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ApplicantEntity } from './applicant.entity';

/** Row of `source_records`; the payloads are JSON text because SQLite has no JSON type. */
@Entity({ name: 'source_records' })
@Index('UQ_source_records_system_local_id', ['system', 'localId'], { unique: true })
@Index('IDX_source_records_applicant_id', ['applicantId'])
export class SourceRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'applicant_id', type: 'varchar', length: 36 })
  applicantId!: string;

  @ManyToOne(() => ApplicantEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_id', foreignKeyConstraintName: 'FK_source_records_applicant_id' })
  applicant?: ApplicantEntity;

  @Column({ type: 'varchar', length: 64 })
  system!: string;

  @Column({ name: 'local_id', type: 'varchar', length: 128 })
  localId!: string;

  @Column({ name: 'raw_payload', type: 'text' })
  rawPayload!: string;

  @Column({ type: 'text' })
  normalized!: string;

  @Column({ name: 'observed_at', type: 'datetime', precision: 3 })
  observedAt!: Date;
}
