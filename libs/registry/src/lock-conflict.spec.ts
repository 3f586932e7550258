import { QueryFailedError } from 'typeorm';
import { isLockConflict, retryLockConflicts } from './lock-conflict';

function driverFailure(code: string): QueryFailedError {
  return new QueryFailedError('UPDATE …', [], Object.assign(new Error(code), { code }));
}

describe('isLockConflict', () => {
  it('recognises a deadlock victim and a lock wait timeout', () => {
    expect(isLockConflict(driverFailure('ER_LOCK_DEADLOCK'))).toBe(true);
    expect(isLockConflict(driverFailure('ER_LOCK_WAIT_TIMEOUT'))).toBe(true);
  });

  it('leaves every other failure alone', () => {
    expect(isLockConflict(driverFailure('ER_DUP_ENTRY'))).toBe(false);
    expect(isLockConflict(new Error('ER_LOCK_DEADLOCK'))).toBe(false);
    expect(isLockConflict(undefined)).toBe(false);
  });
});

describe('retryLockConflicts', () => {
  it('runs a transaction that lost a lock conflict again', async () => {
    let calls = 0;
    const result = await retryLockConflicts.execute(() => {
      calls += 1;
      if (calls < 3) throw driverFailure('ER_LOCK_DEADLOCK');
      return Promise.resolve('committed');
    });
    expect(result).toBe('committed');
    expect(calls).toBe(3);
  });

  it('does not retry other failures, and gives up after a bounded number of attempts', async () => {
    let calls = 0;
    await expect(
      retryLockConflicts.execute(() => {
        calls += 1;
        throw driverFailure('ER_DUP_ENTRY');
      }),
    ).rejects.toThrow('ER_DUP_ENTRY');
    expect(calls).toBe(1);

    calls = 0;
    await expect(
      retryLockConflicts.execute(() => {
        calls += 1;
        throw driverFailure('ER_LOCK_DEADLOCK');
      }),
    ).rejects.toThrow('ER_LOCK_DEADLOCK');
    expect(calls).toBe(5);
  });
});
