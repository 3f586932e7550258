import { DepartmentCallPolicy } from './department-call-policy';
import { SourceError, SourceErrorCode } from './source-error';

// A generous budget so that a loaded CI machine does not turn retries into timeouts; the timeout test sets its own.
const config = { timeoutMs: 5000, retries: 2, breakerThreshold: 3, breakerHalfOpenAfterMs: 100 };

describe('DepartmentCallPolicy', () => {
  it('returns what the call returns', async () => {
    await expect(
      new DepartmentCallPolicy('tax', config).read(() => Promise.resolve(42)),
    ).resolves.toBe(42);
  });

  it('retries an unavailable department and succeeds when it comes back', async () => {
    let calls = 0;
    const policy = new DepartmentCallPolicy('tax', config);
    const result = await policy.read(() => {
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
      policy.read(() => {
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
      policy.write(() => {
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
        policy.write(() => {
          calls++;
          return Promise.reject(
            SourceError.rejected('tax', '1007', 'the content fails its checks'),
          );
        }),
      ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_REJECTED, departmentCode: '1007' });
    }
    expect(calls).toBe(3);
    // The department answered every time: the breaker is still closed.
    await expect(policy.write(() => Promise.resolve('received'))).resolves.toBe('received');
  });

  it('opens the breaker on failing submissions like on failing reads', async () => {
    const policy = new DepartmentCallPolicy('tax', { ...config, breakerThreshold: 2 });
    const down = () => Promise.reject(SourceError.unavailable('tax', 'ECONNREFUSED'));
    await expect(policy.write(down)).rejects.toBeInstanceOf(SourceError);
    await expect(policy.write(down)).rejects.toBeInstanceOf(SourceError);
    await expect(policy.write(() => Promise.resolve(1))).rejects.toMatchObject({
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
      await expect(policy.read(failing)).rejects.toBeInstanceOf(SourceError);
    expect(calls).toBe(3);
    await expect(policy.read(failing)).rejects.toMatchObject({
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
      policy.read(() => Promise.reject(SourceError.unavailable('tax', 'x'))),
    ).rejects.toBeInstanceOf(SourceError);
    await expect(policy.read(() => Promise.resolve(1))).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    await new Promise((r) => setTimeout(r, 80));
    await expect(policy.read(() => Promise.resolve(2))).resolves.toBe(2);
    await expect(policy.read(() => Promise.resolve(3))).resolves.toBe(3);
  });

  it('reports an unmapped exception as an invalid response, keeping the cause', async () => {
    const cause = new TypeError('cannot read x of undefined');
    await expect(
      new DepartmentCallPolicy('tax', config).read(() => Promise.reject(cause)),
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
    await expect(policy.read(hang)).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_TIMEOUT });
    await expect(policy.read(hang)).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_TIMEOUT });
    await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await expect(policy.read(hang)).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    expect(Date.now() - started).toBeLessThan(40);
    expect(calls).toBe(2);
  });
});
