import type { DataSource } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` after every earlier write on the same SQLite data source has
 * finished; on other databases it runs at once.
 *
 * TypeORM's better-sqlite3 driver has a single connection, so two
 * `transaction()` calls that overlap in time share it: the second BEGIN fails
 * ("cannot start a transaction within a transaction") and the first then
 * finds its transaction gone. SQLite serves a single process (DESIGN.md §8),
 * so an in-process queue is the whole fix. MySQL gives every transaction a
 * pooled connection of its own and needs none.
 */
export function serializeSqliteWrites<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') {
    return work();
  }
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const result = previous.then(work);
  queues.set(
    dataSource,
    result.catch(() => undefined),
  );
  return result;
}
