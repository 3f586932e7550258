import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Row of `audit_records`: one exchange (libs/audit). Sets are JSON arrays. */
@Entity({ name: 'audit_records' })
@Index('IDX_audit_records_consumer_seq', ['consumer', 'seq'])
export class AuditRecordEntity {
  /** A bigint: MySQL hands it back as a string, SQLite as a number. */
  @PrimaryColumn({ type: 'bigint' })
  seq!: string | number;

  @Index('IDX_audit_records_at')
  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  consumer!: string | null;

  @Column({ name: 'user_id', type: 'varchar', length: 100, nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  purpose!: string | null;

  @Index('IDX_audit_records_case_id')
  @Column({ name: 'case_id', type: 'varchar', length: 100, nullable: true })
  caseId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ name: 'operation_name', type: 'varchar', length: 200, nullable: true })
  operationName!: string | null;

  @Column({ name: 'document_hash', type: 'varchar', length: 64, nullable: true })
  documentHash!: string | null;

  @Column({ type: 'text' })
  applicants!: string;

  @Column({ name: 'data_items', type: 'text' })
  dataItems!: string;

  @Column({ type: 'text' })
  departments!: string;

  @Column({ type: 'varchar', length: 16 })
  outcome!: string;

  @Column({ name: 'error_codes', type: 'text' })
  errorCodes!: string;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}

/** Row of `audit_record_applicants`: an applicant an exchange touched (for the auditor's filter). */
@Entity({ name: 'audit_record_applicants' })
export class AuditRecordApplicantEntity {
  @PrimaryColumn({ name: 'applicant_id', type: 'varchar', length: 36 })
  applicantId!: string;

  @Index('IDX_audit_record_applicants_seq')
  @PrimaryColumn({ type: 'bigint' })
  seq!: string | number;
}

/** Row of `audit_record_items`: a data item an exchange returned. */
@Entity({ name: 'audit_record_items' })
export class AuditRecordItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  item!: string;

  @Index('IDX_audit_record_items_seq')
  @PrimaryColumn({ type: 'bigint' })
  seq!: string | number;
}

/** Row of `audit_anchors`: a signed head of the chain. */
@Entity({ name: 'audit_anchors' })
export class AuditAnchorEntity {
  @PrimaryColumn({ type: 'bigint' })
  seq!: string | number;

  @PrimaryColumn({ name: 'key_id', type: 'varchar', length: 16 })
  keyId!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** ISO 8601 text, exactly as signed. */
  @Column({ type: 'varchar', length: 24 })
  at!: string;

  @Column({ type: 'varchar', length: 128 })
  signature!: string;
}

/** Row of `audit_head`: the chain's last record; its lock orders appends. */
@Entity({ name: 'audit_head' })
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  name!: string;

  @Column({ type: 'bigint' })
  seq!: string | number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
