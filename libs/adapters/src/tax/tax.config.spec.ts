import { DEFAULT_CLIENT_CONFIG, DepartmentConfigError } from '../shared';
import { DEFAULT_TAX_SERVICE_PATH, readTaxConfig } from './tax.config';

describe('readTaxConfig', () => {
  it('is null without TAX_URL', () => {
    expect(readTaxConfig({ TAX_USERNAME: 'u', TAX_PASSWORD: 'p' })).toBeNull();
  });

  it('applies the defaults: shared client settings, the standard path, no credentials', () => {
    expect(readTaxConfig({ TAX_URL: 'http://tax.county.internal:8080/' })).toEqual({
      ...DEFAULT_CLIENT_CONFIG,
      baseUrl: 'http://tax.county.internal:8080',
      servicePath: DEFAULT_TAX_SERVICE_PATH,
      credentials: null,
    });
  });

  it('reads the shared TAX_ settings, the path and the credentials', () => {
    expect(
      readTaxConfig({
        TAX_URL: 'https://jsxt.tax.local/esb',
        TAX_TIMEOUT_MS: '300',
        TAX_RETRIES: '0',
        TAX_SERVICE_PATH: '/services/NsrxxService',
        TAX_USERNAME: ' oncegate ',
        TAX_PASSWORD: 's3cret',
      }),
    ).toMatchObject({
      baseUrl: 'https://jsxt.tax.local/esb',
      timeoutMs: 300,
      retries: 0,
      servicePath: '/services/NsrxxService',
      credentials: { username: 'oncegate', password: 's3cret' },
    });
  });

  it.each([
    [{ TAX_URL: 'http://t', TAX_USERNAME: 'u' }, 'TAX_PASSWORD'],
    [{ TAX_URL: 'http://t', TAX_PASSWORD: 'p' }, 'TAX_USERNAME'],
    [{ TAX_URL: 'http://t', TAX_SERVICE_PATH: 'ws/x' }, 'TAX_SERVICE_PATH'],
    [{ TAX_URL: 'http://t', TAX_SERVICE_PATH: '/ws/x?wsdl' }, 'TAX_SERVICE_PATH'],
    [{ TAX_URL: 'http://t', TAX_TIMEOUT_MS: '0' }, 'TAX_TIMEOUT_MS'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => readTaxConfig(env)).toThrow(DepartmentConfigError);
    expect(() => readTaxConfig(env)).toThrow(name);
  });
});
