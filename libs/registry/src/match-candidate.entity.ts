import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SourceRecordEntity } from './source-record.entity';

/**
 * Row of `match_candidates`: two source records the matcher could not decide
 * (between the review and link thresholds), waiting for a person; and, once
 * decided, the decision, which later syncs respect.
 */
@Entity({ name: 'match_candidates' })
@Index('UQ_match_candidates_record_a_id_record_b_id', ['recordAId', 'recordBId'], { unique: true })
@Index('IDX_match_candidates_status', ['status'])
@Index('IDX_match_candidates_record_b_id', ['recordBId'])
export class MatchCandidateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'record_a_id', type: 'varchar', length: 36 })
  recordAId!: string;

  @ManyToOne(() => SourceRecordEntity, {
    nullable: false,
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  @JoinColumn({ name: 'record_a_id', foreignKeyConstraintName: 'FK_match_candidates_record_a_id' })
  recordA?: SourceRecordEntity;

  @Column({ name: 'record_b_id', type: 'varchar', length: 36 })
  recordBId!: string;

  @ManyToOne(() => SourceRecordEntity, {
    nullable: false,
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  @JoinColumn({ name: 'record_b_id', foreignKeyConstraintName: 'FK_match_candidates_record_b_id' })
  recordB?: SourceRecordEntity;

  @Column({ type: 'double' })
  probability!: number;

  @Column({ type: 'double' })
  weight!: number;

  @Column({ type: 'text' })
  explanation!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 128, nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;
}
