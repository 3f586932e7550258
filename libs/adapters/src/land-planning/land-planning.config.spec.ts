import { DEFAULT_CLIENT_CONFIG, DepartmentConfigError } from '../shared';
import { readLandPlanningConfig } from './land-planning.config';

describe('readLandPlanningConfig', () => {
  it('is null without LAND_PLANNING_URL', () => {
    expect(readLandPlanningConfig({ LAND_PLANNING_API_KEY: 'k' })).toBeNull();
  });

  it('reads the shared settings under the LAND_PLANNING prefix, without a key by default', () => {
    expect(
      readLandPlanningConfig({
        LAND_PLANNING_URL: 'http://zrzy.county.gov.internal:8080/',
        LAND_PLANNING_TIMEOUT_MS: '800',
      }),
    ).toEqual({
      ...DEFAULT_CLIENT_CONFIG,
      baseUrl: 'http://zrzy.county.gov.internal:8080',
      timeoutMs: 800,
      apiKey: null,
    });
  });

  it('reads the API key', () => {
    expect(
      readLandPlanningConfig({
        LAND_PLANNING_URL: 'http://zrzy.local',
        LAND_PLANNING_API_KEY: ' lp-7f3a9c ',
      })?.apiKey,
    ).toBe('lp-7f3a9c');
  });

  it.each([
    [
      { LAND_PLANNING_URL: 'http://zrzy.local', LAND_PLANNING_API_KEY: 'two words' },
      'LAND_PLANNING_API_KEY',
    ],
    [
      { LAND_PLANNING_URL: 'http://zrzy.local', LAND_PLANNING_API_KEY: '密钥' },
      'LAND_PLANNING_API_KEY',
    ],
    [{ LAND_PLANNING_URL: 'zrzy.local' }, 'LAND_PLANNING_URL'],
    [
      { LAND_PLANNING_URL: 'http://zrzy.local', LAND_PLANNING_RETRIES: 'two' },
      'LAND_PLANNING_RETRIES',
    ],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => readLandPlanningConfig(env)).toThrow(DepartmentConfigError);
    expect(() => readLandPlanningConfig(env)).toThrow(name);
  });
});
