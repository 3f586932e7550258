import type { DataSource } from 'typeorm';

/**
 * Applies every pending migration of an initialized data source and returns the
 * names applied, oldest first; each in its own transaction, as in
 * `databaseOptionsFromUrl`.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}
