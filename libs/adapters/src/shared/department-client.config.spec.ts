import {
  DEFAULT_CLIENT_CONFIG,
  DepartmentConfigError,
  readDepartmentClientConfig,
} from './department-client.config';

describe('readDepartmentClientConfig', () => {
  it('is null without a URL', () => {
    expect(readDepartmentClientConfig('tax', 'TAX', {})).toBeNull();
  });
  it('applies defaults and strips a trailing slash', () => {
    expect(readDepartmentClientConfig('tax', 'TAX', { TAX_URL: 'http://tax.local:8080/' })).toEqual(
      {
        ...DEFAULT_CLIENT_CONFIG,
        baseUrl: 'http://tax.local:8080',
      },
    );
  });
  it('reads every setting', () => {
    const config = readDepartmentClientConfig('tax', 'TAX', {
      TAX_URL: 'https://tax.local',
      TAX_TIMEOUT_MS: '500',
      TAX_RETRIES: '0',
      TAX_CACHE_TTL_MS: '0',
      TAX_BREAKER_THRESHOLD: '2',
      TAX_BREAKER_HALF_OPEN_MS: '1000',
      TAX_MAX_CONNECTIONS: '4',
    });
    expect(config).toMatchObject({
      timeoutMs: 500,
      retries: 0,
      cacheTtlMs: 0,
      breakerThreshold: 2,
      breakerHalfOpenAfterMs: 1000,
      maxConnections: 4,
    });
  });
  it.each([
    [{ TAX_URL: 'not a url' }, 'TAX_URL'],
    [{ TAX_URL: 'ftp://tax.local' }, 'TAX_URL'],
    [{ TAX_URL: 'http://t', TAX_TIMEOUT_MS: '0' }, 'TAX_TIMEOUT_MS'],
    [{ TAX_URL: 'http://t', TAX_RETRIES: '-1' }, 'TAX_RETRIES'],
    [{ TAX_URL: 'http://t', TAX_MAX_CONNECTIONS: '2.5' }, 'TAX_MAX_CONNECTIONS'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => readDepartmentClientConfig('tax', 'TAX', env)).toThrow(DepartmentConfigError);
    expect(() => readDepartmentClientConfig('tax', 'TAX', env)).toThrow(name);
  });
});
