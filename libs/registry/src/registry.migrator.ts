import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runMigrations } from './migrations/run-migrations';

/** {@link runMigrations} for a Nest application: `await app.get(RegistryMigrator).migrate()`. */
@Injectable()
export class RegistryMigrator {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies pending migrations; returns the names applied, oldest first. */
  migrate(): Promise<string[]> {
    return runMigrations(this.dataSource);
  }
}
