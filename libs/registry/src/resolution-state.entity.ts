import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Row of `resolution_state`: how far the registry's records have changed
 * (a counter every ingest raises, so a process can tell whether its match
 * index still holds what the database holds) and the matching parameters
 * the last full resolution learned.
 */
@Entity({ name: 'resolution_state' })
export class ResolutionStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'integer' })
  revision!: number;

  /** Fellegi–Sunter parameters as JSON; null until a full resolution has run. */
  @Column({ type: 'text', nullable: true })
  parameters!: string | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
