import { inspect } from 'node:util';
import { DEFAULT_CLIENT_CONFIG, DepartmentConfigError } from '../shared';
import { readSocialInsuranceConfig } from './social-insurance.config';

const SECRET = 'the-real-secret-value-123';
const env = {
  SOCIAL_INSURANCE_URL: 'http://si.county.internal:8080/',
  SOCIAL_INSURANCE_APP_KEY: 'county-gateway-01',
  SOCIAL_INSURANCE_APP_SECRET: SECRET,
};

describe('readSocialInsuranceConfig', () => {
  it('is null without a URL, whatever else is set', () => {
    expect(readSocialInsuranceConfig({})).toBeNull();
    expect(readSocialInsuranceConfig({ ...env, SOCIAL_INSURANCE_URL: ' ' })).toBeNull();
  });

  it('reads the client settings and the credentials', () => {
    const config = readSocialInsuranceConfig({ ...env, SOCIAL_INSURANCE_TIMEOUT_MS: '800' });
    expect(config).toMatchObject({
      ...DEFAULT_CLIENT_CONFIG,
      baseUrl: 'http://si.county.internal:8080',
      timeoutMs: 800,
      appKey: 'county-gateway-01',
    });
    expect(config?.appSecret.reveal()).toBe(SECRET);
  });

  it('never shows the secret when the configuration is printed', () => {
    const config = readSocialInsuranceConfig(env);
    for (const shown of [
      JSON.stringify(config),
      inspect(config),
      String(config?.appSecret),
      `${inspect({ config })}`,
    ])
      expect(shown).not.toContain(SECRET);
    expect(JSON.stringify(config)).toContain('[REDACTED]');
  });

  it.each([
    [{ SOCIAL_INSURANCE_APP_KEY: undefined }, 'SOCIAL_INSURANCE_APP_KEY is required'],
    [{ SOCIAL_INSURANCE_APP_KEY: 'a b' }, 'SOCIAL_INSURANCE_APP_KEY must be'],
    [{ SOCIAL_INSURANCE_APP_SECRET: undefined }, 'SOCIAL_INSURANCE_APP_SECRET is required'],
    [{ SOCIAL_INSURANCE_APP_SECRET: 'x7q9z' }, 'SOCIAL_INSURANCE_APP_SECRET is too short'],
    [{ SOCIAL_INSURANCE_RETRIES: '-1' }, 'SOCIAL_INSURANCE_RETRIES'],
  ])('refuses %j naming the variable, never a secret', (overrides, message) => {
    const read = () => readSocialInsuranceConfig({ ...env, ...overrides });
    expect(read).toThrow(DepartmentConfigError);
    expect(read).toThrow(message);
    try {
      read();
    } catch (error) {
      expect(String(error)).not.toContain(SECRET);
      expect(String(error)).not.toContain('x7q9z');
    }
  });
});
