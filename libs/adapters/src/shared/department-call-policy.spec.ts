import type {
  CircuitBreakerProbe,
  DepartmentCallObserver,
  DepartmentCallRecord,
} from './department-call-observer';
import { DepartmentCallPolicy } from './department-call-policy';
import { SourceError, SourceErrorCode } from './source-error';

// A generous budget so that a loaded CI machine does not turn retries into timeouts; the timeout test sets its own.
const config = { timeoutMs: 5000, retries: 2, breakerThreshold: 3, breakerHalfOpenAfterMs: 100 };

describe('DepartmentCallPolicy', () => {
  it('returns what the call returns', async () => {
    await expect(
      new DepartmentCallPolicy('tax', config).read('lookup', () => Promise.resolve(42)),
    ).resolves.toBe(42);
  });

  it('retries an unavailable department and succeeds when it comes back', async () => {
    let calls = 0;
    const policy = new DepartmentCallPolicy('tax', config);
    const result = await policy.read('lookup', () => {
      calls++;
      return calls < 3
        ? Promise.reject(SourceError.unavailable('tax', 'HTTP 503'))
        : Promise.resolve('ok');
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry an invalid response', async () => {
    let calls = 0;
    const policy = new DepartmentCallPolicy('tax', config);
    await expect(
      policy.read('lookup', () => {
        calls++;
        return Promise.reject(SourceError.invalidResponse('tax', 'not XML'));
      }),
    ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_INVALID_RESPONSE, source: 'tax' });
    expect(calls).toBe(1);
  });

  it('does not retry a write', async () => {
    let calls = 0;
    const policy = new DepartmentCallPolicy('tax', config);
    await expect(
      policy.write('submit', () => {
        calls++;
        return Promise.reject(SourceError.unavailable('tax', 'HTTP 503'));
      }),
    ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_UNAVAILABLE });
    expect(calls).toBe(1);
  });

  it('neither retries a rejected submission nor counts it towards the breaker', async () => {
    const policy = new DepartmentCallPolicy('tax', { ...config, breakerThreshold: 1 });
    let calls = 0;
    for (let i = 0; i < 3; i++) {
      await expect(
        policy.write('submit', () => {
          calls++;
          return Promise.reject(
            SourceError.rejected('tax', '1007', 'the content fails its checks'),
          );
        }),
      ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_REJECTED, departmentCode: '1007' });
    }
    expect(calls).toBe(3);
    // The department answered every time: the breaker is still closed.
    await expect(policy.write('submit', () => Promise.resolve('received'))).resolves.toBe(
      'received',
    );
  });

  it('opens the breaker on failing submissions like on failing reads', async () => {
    const policy = new DepartmentCallPolicy('tax', { ...config, breakerThreshold: 2 });
    const down = () => Promise.reject(SourceError.unavailable('tax', 'ECONNREFUSED'));
    await expect(policy.write('submit', down)).rejects.toBeInstanceOf(SourceError);
    await expect(policy.write('submit', down)).rejects.toBeInstanceOf(SourceError);
    await expect(policy.write('submit', () => Promise.resolve(1))).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      message: expect.stringContaining('circuit breaker') as unknown,
    });
  });

  it('gives up at the budget with SOURCE_TIMEOUT and aborts the call', async () => {
    const policy = new DepartmentCallPolicy('land-planning', { ...config, timeoutMs: 200 });
    let aborted = false;
    const started = Date.now();
    await expect(
      policy.read(
        'lookup',
        (signal) =>
          new Promise((_, reject) => {
            signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('aborted'));
            });
          }),
      ),
    ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_TIMEOUT, source: 'land-planning' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(aborted).toBe(true);
  });

  it('opens the breaker after consecutive failures and then fails fast', async () => {
    const policy = new DepartmentCallPolicy('social-insurance', { ...config, retries: 0 });
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(SourceError.unavailable('social-insurance', 'ECONNREFUSED'));
    };
    for (let i = 0; i < 3; i++)
      await expect(policy.read('lookup', failing)).rejects.toBeInstanceOf(SourceError);
    expect(calls).toBe(3);
    await expect(policy.read('lookup', failing)).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      message: expect.stringContaining('circuit breaker') as unknown,
    });
    expect(calls).toBe(3);
  });

  it('closes the breaker again after a successful trial call', async () => {
    const policy = new DepartmentCallPolicy('tax', {
      ...config,
      retries: 0,
      breakerThreshold: 1,
      breakerHalfOpenAfterMs: 50,
    });
    await expect(
      policy.read('lookup', () => Promise.reject(SourceError.unavailable('tax', 'x'))),
    ).rejects.toBeInstanceOf(SourceError);
    await expect(policy.read('lookup', () => Promise.resolve(1))).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    await new Promise((r) => setTimeout(r, 80));
    await expect(policy.read('lookup', () => Promise.resolve(2))).resolves.toBe(2);
    await expect(policy.read('lookup', () => Promise.resolve(3))).resolves.toBe(3);
  });

  it('reports an unmapped exception as an invalid response, keeping the cause', async () => {
    const cause = new TypeError('cannot read x of undefined');
    await expect(
      new DepartmentCallPolicy('tax', config).read('lookup', () => Promise.reject(cause)),
    ).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
      cause,
    });
  });
});

describe('DepartmentCallPolicy and a hanging department', () => {
  it('counts attempts cut off by the timeout towards the breaker', async () => {
    const policy = new DepartmentCallPolicy('tax', {
      timeoutMs: 50,
      retries: 0,
      breakerThreshold: 2,
      breakerHalfOpenAfterMs: 10_000,
    });
    let calls = 0;
    const hang = (signal: AbortSignal) =>
      new Promise<never>((_, reject) => {
        calls++;
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    await expect(policy.read('lookup', hang)).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_TIMEOUT,
    });
    await expect(policy.read('lookup', hang)).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_TIMEOUT,
    });
    await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await expect(policy.read('lookup', hang)).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    expect(Date.now() - started).toBeLessThan(40);
    expect(calls).toBe(2);
  });
});

describe('DepartmentCallPolicy and its observer', () => {
  function observed(overrides: Partial<typeof config> = {}) {
    const records: DepartmentCallRecord[] = [];
    const probes: CircuitBreakerProbe[] = [];
    const observer: DepartmentCallObserver = {
      policyCreated: (probe) => probes.push(probe),
      callFinished: (record) => records.push(record),
    };
    const policy = new DepartmentCallPolicy('tax', { ...config, ...overrides }, observer);
    return { policy, records, probes };
  }

  it('reports each call once, with its operation, outcome, attempts and duration', async () => {
    const { policy, records } = observed();
    let calls = 0;
    await policy.read('taxpayers', () =>
      ++calls < 3 ? Promise.reject(SourceError.unavailable('tax', 'HTTP 503')) : Promise.resolve(1),
    );
    await expect(
      policy.read('changes', () => Promise.reject(SourceError.invalidResponse('tax', 'not XML'))),
    ).rejects.toBeInstanceOf(SourceError);
    await expect(
      policy.write('submit', () => Promise.reject(SourceError.rejected('tax', '1007', 'checks'))),
    ).rejects.toBeInstanceOf(SourceError);
    expect(records.map(({ durationSeconds: _, ...rest }) => rest)).toEqual([
      { department: 'tax', operation: 'taxpayers', outcome: 'ok', attempts: 3 },
      { department: 'tax', operation: 'changes', outcome: 'invalid_response', attempts: 1 },
      { department: 'tax', operation: 'submit', outcome: 'rejected', attempts: 1 },
    ]);
    for (const r of records) expect(r.durationSeconds).toBeGreaterThanOrEqual(0);
  });

  it('reports a timeout, and a call the open breaker refused without asking the department', async () => {
    const { policy, records } = observed({ timeoutMs: 50, retries: 0, breakerThreshold: 1 });
    const hang = (signal: AbortSignal) =>
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    await expect(policy.read('taxpayers', hang)).rejects.toBeInstanceOf(SourceError);
    await expect(policy.read('taxpayers', () => Promise.resolve(1))).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    expect(records.map((r) => [r.outcome, r.attempts])).toEqual([
      ['timeout', 1],
      ['circuit_open', 0],
    ]);
    expect(records[0].durationSeconds).toBeGreaterThanOrEqual(0.04);
  });

  it('shows its breaker: closed, open after the failures, half-open during the trial call, closed after it', async () => {
    const { policy, probes } = observed({
      retries: 0,
      breakerThreshold: 2,
      breakerHalfOpenAfterMs: 50,
    });
    expect(probes).toEqual([policy]);
    const probe = probes[0];
    expect(probe.source).toBe('tax');
    expect(probe.breakerState).toBe('closed');
    const down = () => Promise.reject(SourceError.unavailable('tax', 'ECONNREFUSED'));
    await expect(policy.read('taxpayers', down)).rejects.toBeInstanceOf(SourceError);
    expect(probe.breakerState).toBe('closed');
    await expect(policy.read('taxpayers', down)).rejects.toBeInstanceOf(SourceError);
    expect(probe.breakerState).toBe('open');
    await new Promise((r) => setTimeout(r, 80));
    let answer!: (value: number) => void;
    const trial = policy.read('taxpayers', () => new Promise<number>((r) => (answer = r)));
    await new Promise((r) => setImmediate(r));
    expect(probe.breakerState).toBe('half-open');
    answer(7);
    await expect(trial).resolves.toBe(7);
    expect(probe.breakerState).toBe('closed');
  });

  it('is not failed by an observer that throws', async () => {
    const policy = new DepartmentCallPolicy('tax', config, {
      policyCreated: () => undefined,
      callFinished: () => {
        throw new Error('broken metrics');
      },
    });
    await expect(policy.read('taxpayers', () => Promise.resolve(5))).resolves.toBe(5);
  });
});
