import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ApplicantEntity } from './applicant.entity';
import { SourceRecordEntity } from './source-record.entity';

/** Row of `golden_attributes`: one chosen value per (applicant, name), with provenance. */
@Entity({ name: 'golden_attributes' })
@Index('UQ_golden_attributes_applicant_id_name', ['applicantId', 'name'], { unique: true })
@Index('IDX_golden_attributes_source_record_id', ['sourceRecordId'])
export class GoldenAttributeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'applicant_id', type: 'varchar', length: 36 })
  applicantId!: string;

  @ManyToOne(() => ApplicantEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({
    name: 'applicant_id',
    foreignKeyConstraintName: 'FK_golden_attributes_applicant_id',
  })
  applicant?: ApplicantEntity;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'source_system', type: 'varchar', length: 64 })
  sourceSystem!: string;

  @Column({ name: 'source_record_id', type: 'varchar', length: 36, nullable: true })
  sourceRecordId!: string | null;

  @ManyToOne(() => SourceRecordEntity, {
    nullable: true,
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  @JoinColumn({
    name: 'source_record_id',
    foreignKeyConstraintName: 'FK_golden_attributes_source_record_id',
  })
  sourceRecord?: SourceRecordEntity | null;

  @Column({ name: 'observed_at', type: 'datetime', precision: 3 })
  observedAt!: Date;
}
