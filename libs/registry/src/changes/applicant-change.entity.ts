import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Row of `applicant_changes`: one golden attribute of one applicant that
 * changed, with the source of its new value — written in the transaction
 * that changed it. `id` counts up in commit order (a reader that has seen id
 * n has seen every change before it). The fan-out leases rows like the
 * outbox leases deliveries and marks them `fanned_out_at` once their change
 * notices are enqueued.
 */
@Entity({ name: 'applicant_changes' })
@Index('IDX_applicant_changes_fanned_out_at_id', ['fannedOutAt', 'id'])
export class ApplicantChangeEntity {
  /** A bigint: MySQL hands it back as a string, SQLite as a number. */
  @PrimaryColumn({ type: 'bigint' })
  id!: string | number;

  @Column({ name: 'applicant_id', type: 'varchar', length: 36 })
  applicantId!: string;

  @Column({ type: 'varchar', length: 64 })
  attribute!: string;

  /** Null when the attribute appeared. */
  @Column({ name: 'old_value', type: 'text', nullable: true })
  oldValue!: string | null;

  /** Null when the attribute disappeared. */
  @Column({ name: 'new_value', type: 'text', nullable: true })
  newValue!: string | null;

  /** Where the new value came from; null with it. */
  @Column({ name: 'source_system', type: 'varchar', length: 64, nullable: true })
  sourceSystem!: string | null;

  @Column({ name: 'source_record_id', type: 'varchar', length: 36, nullable: true })
  sourceRecordId!: string | null;

  @Column({ name: 'observed_at', type: 'datetime', precision: 3, nullable: true })
  observedAt!: Date | null;

  @Column({ name: 'changed_at', type: 'datetime', precision: 3 })
  changedAt!: Date;

  @Column({ name: 'fanned_out_at', type: 'datetime', precision: 3, nullable: true })
  fannedOutAt!: Date | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil!: Date | null;
}
