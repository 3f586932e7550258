import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ApplicantEntity } from '../applicant.entity';

/**
 * Row of `applications`: one submitted application form. `items` holds every
 * item's value with where it came from (typed by the applicant, or prefilled
 * from a department's record); `client_key` is the caller's idempotency key,
 * unique per caller, and `request_hash` what was asked with it.
 */
@Entity({ name: 'applications' })
@Index('UQ_applications_application_no', ['applicationNo'], { unique: true })
@Index('UQ_applications_submitted_by_client_key', ['submittedBy', 'clientKey'], { unique: true })
@Index('IDX_applications_applicant_id', ['applicantId'])
export class ApplicationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'application_no', type: 'varchar', length: 32 })
  applicationNo!: string;

  @Column({ name: 'applicant_id', type: 'varchar', length: 36 })
  applicantId!: string;

  @ManyToOne(() => ApplicantEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_id', foreignKeyConstraintName: 'FK_applications_applicant_id' })
  applicant?: ApplicantEntity;

  @Column({ name: 'client_key', type: 'varchar', length: 128 })
  clientKey!: string;

  @Column({ name: 'submitted_by', type: 'varchar', length: 128 })
  submittedBy!: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  /** JSON array of procedure codes. */
  @Column({ type: 'text' })
  procedures!: string;

  /** JSON object: item id → { value, origin, source? }. */
  @Column({ type: 'text' })
  items!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3 })
  submittedAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/**
 * Row of `application_procedures`: one procedure of an application at one
 * department, with the department's latest status (the history is in
 * `application_events`) and when its clock started.
 */
@Entity({ name: 'application_procedures' })
@Index('IDX_application_procedures_department_status', ['department', 'status'])
export class ApplicationProcedureEntity {
  @PrimaryColumn({ name: 'application_id', type: 'varchar', length: 36 })
  applicationId!: string;

  @ManyToOne(() => ApplicationEntity, {
    nullable: false,
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'FK_application_procedures_application_id',
  })
  application?: ApplicationEntity;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  procedure!: string;

  @Column({ type: 'varchar', length: 64 })
  department!: string;

  @Column({ type: 'varchar', length: 24 })
  status!: string;

  @Column({ name: 'status_at', type: 'datetime', precision: 3 })
  statusAt!: Date;

  /** When the department received it: the statutory clock starts here. */
  @Column({ name: 'received_at', type: 'datetime', precision: 3, nullable: true })
  receivedAt!: Date | null;

  /** The department's own case number (from its receipt). */
  @Column({ name: 'receipt_no', type: 'varchar', length: 128, nullable: true })
  receiptNo!: string | null;
}

/** Row of `application_events`: the append-only history of an application, numbered per application. */
@Entity({ name: 'application_events' })
@Index('UQ_application_events_application_id_seq', ['applicationId', 'seq'], { unique: true })
export class ApplicationEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'application_id', type: 'varchar', length: 36 })
  applicationId!: string;

  @ManyToOne(() => ApplicationEntity, {
    nullable: false,
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'FK_application_events_application_id',
  })
  application?: ApplicationEntity;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  procedure!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ type: 'varchar', length: 128 })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt!: Date;
}

/**
 * Row of `deliveries`: the transactional outbox. Written in the same
 * transaction as what it announces (an application's submission to one
 * department, a change notice to one subscriber); a worker leases due rows,
 * sends them with their idempotency key, and records the outcome. A lease
 * that expires (a worker that died) makes the row due again.
 */
@Entity({ name: 'deliveries' })
@Index('UQ_deliveries_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('IDX_deliveries_state_next_attempt_at', ['state', 'nextAttemptAt'])
@Index('IDX_deliveries_application_id', ['applicationId'])
export class DeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** SUBMISSION (an application to a department) or CHANGE_NOTICE (a signed webhook). */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ name: 'application_id', type: 'varchar', length: 36, nullable: true })
  applicationId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  procedure!: string | null;

  /** Who receives it: a department id. */
  @Column({ type: 'varchar', length: 64 })
  target!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey!: string;

  @Column({ type: 'text' })
  payload!: string;

  /** PENDING, DELIVERED, REJECTED (the receiver refused it: final) or DEAD (attempts exhausted). */
  @Column({ type: 'varchar', length: 16 })
  state!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt!: Date;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil!: Date | null;

  /** The last failure: `CODE: message` (never a payload). */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'receipt_no', type: 'varchar', length: 128, nullable: true })
  receiptNo!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'datetime', precision: 3, nullable: true })
  deliveredAt!: Date | null;
}
