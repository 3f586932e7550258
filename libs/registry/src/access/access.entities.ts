import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Row of `consumers`: a system allowed to call the gateway. `roles` is a comma-separated list. */
@Entity({ name: 'consumers' })
export class ConsumerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('UQ_consumers_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 200 })
  roles!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: string | null;
}

/** Row of `consumer_keys`: one API key; only the SHA-256 of its secret. */
@Entity({ name: 'consumer_keys' })
export class ConsumerKeyEntity {
  @PrimaryColumn({ name: 'key_id', type: 'varchar', length: 12 })
  keyId!: string;

  @Index('IDX_consumer_keys_consumer_id')
  @Column({ name: 'consumer_id', type: 'varchar', length: 36 })
  consumerId!: string;

  @ManyToOne(() => ConsumerEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'consumer_id', foreignKeyConstraintName: 'FK_consumer_keys_consumer_id' })
  consumer?: ConsumerEntity;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}

/** Row of `data_grants`: a request for conditional items, and the provider's answer. `items` is JSON. */
@Entity({ name: 'data_grants' })
@Index('IDX_data_grants_consumer_id_status', ['consumerId', 'status'])
@Index('IDX_data_grants_provider_status', ['provider', 'status'])
export class DataGrantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'consumer_id', type: 'varchar', length: 36 })
  consumerId!: string;

  @ManyToOne(() => ConsumerEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'consumer_id', foreignKeyConstraintName: 'FK_data_grants_consumer_id' })
  consumer?: ConsumerEntity;

  @Column({ type: 'varchar', length: 64 })
  provider!: string;

  @Column({ type: 'text' })
  items!: string;

  @Column({ type: 'varchar', length: 64 })
  purpose!: string;

  @Column({ type: 'text' })
  basis!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'requested_by', type: 'varchar', length: 128 })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt!: Date;

  @Column({ name: 'due_at', type: 'datetime', precision: 3 })
  dueAt!: Date;

  @Column({ name: 'decided_by', type: 'varchar', length: 128, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;
}
