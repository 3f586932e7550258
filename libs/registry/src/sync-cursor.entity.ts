import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `sync_cursors`: where each department's change feed was last read to. */
@Entity({ name: 'sync_cursors' })
export class SyncCursorEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  system!: string;

  @Column({ name: 'changed_at', type: 'datetime', precision: 3 })
  changedAt!: Date;

  @Column({ name: 'local_id', type: 'varchar', length: 128 })
  localId!: string;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
