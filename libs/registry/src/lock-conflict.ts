import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { QueryFailedError } from 'typeorm';

/**
 * True when MySQL/MariaDB rolled a transaction back as a deadlock victim
 * (`ER_LOCK_DEADLOCK`) or gave up waiting for a row lock
 * (`ER_LOCK_WAIT_TIMEOUT`). Either way the transaction kept nothing and can be
 * run again from its start.
 */
export function isLockConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const driverError: unknown = error.driverError;
  if (typeof driverError !== 'object' || driverError === null) {
    return false;
  }
  const { code } = driverError as { code?: unknown };
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

/**
 * Runs a whole transaction again, up to four more times with short jittered
 * waits, when it lost a lock conflict. Wrap the transaction, never a
 * statement inside one: InnoDB has already rolled the transaction back.
 */
export const retryLockConflicts = retry(handleWhen(isLockConflict), {
  maxAttempts: 4,
  backoff: new ExponentialBackoff({ initialDelay: 20, maxDelay: 500 }),
});
