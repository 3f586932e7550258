import { DEFAULT_CLIENT_CONFIG, DepartmentConfigError } from '../shared';
import { readProjectApprovalConfig } from './project-approval.config';

describe('readProjectApprovalConfig', () => {
  it('is null without PROJECT_APPROVAL_URL', () => {
    expect(readProjectApprovalConfig({ PROJECT_APPROVAL_ACCESS_TOKEN: 'abc' })).toBeNull();
  });

  it('reads the common settings under the PROJECT_APPROVAL prefix, without a token by default', () => {
    expect(
      readProjectApprovalConfig({ PROJECT_APPROVAL_URL: 'http://tzxm.county.gov.cn/' }),
    ).toEqual({
      ...DEFAULT_CLIENT_CONFIG,
      baseUrl: 'http://tzxm.county.gov.cn',
      accessToken: null,
    });
    expect(
      readProjectApprovalConfig({
        PROJECT_APPROVAL_URL: 'https://tzxm.county.gov.cn/gateway',
        PROJECT_APPROVAL_TIMEOUT_MS: '800',
        PROJECT_APPROVAL_RETRIES: '0',
        PROJECT_APPROVAL_CACHE_TTL_MS: '5000',
        PROJECT_APPROVAL_ACCESS_TOKEN: '  tzxm-7f3a9c  ',
      }),
    ).toMatchObject({
      baseUrl: 'https://tzxm.county.gov.cn/gateway',
      timeoutMs: 800,
      retries: 0,
      cacheTtlMs: 5000,
      accessToken: 'tzxm-7f3a9c',
    });
  });

  it('treats a blank token as none', () => {
    expect(
      readProjectApprovalConfig({
        PROJECT_APPROVAL_URL: 'http://t',
        PROJECT_APPROVAL_ACCESS_TOKEN: '  ',
      })?.accessToken,
    ).toBeNull();
  });

  it.each([
    [{ PROJECT_APPROVAL_URL: 'tzxm' }, 'PROJECT_APPROVAL_URL'],
    [
      { PROJECT_APPROVAL_URL: 'http://t', PROJECT_APPROVAL_TIMEOUT_MS: 'soon' },
      'PROJECT_APPROVAL_TIMEOUT_MS',
    ],
    [
      { PROJECT_APPROVAL_URL: 'http://t', PROJECT_APPROVAL_ACCESS_TOKEN: 'two words' },
      'PROJECT_APPROVAL_ACCESS_TOKEN',
    ],
    [
      { PROJECT_APPROVAL_URL: 'http://t', PROJECT_APPROVAL_ACCESS_TOKEN: '令牌' },
      'PROJECT_APPROVAL_ACCESS_TOKEN',
    ],
  ])('refuses %j, naming %s and never the value', (env: Record<string, string>, name) => {
    expect(() => readProjectApprovalConfig(env)).toThrow(DepartmentConfigError);
    expect(() => readProjectApprovalConfig(env)).toThrow(name);
    const token = env.PROJECT_APPROVAL_ACCESS_TOKEN;
    if (token) expect(() => readProjectApprovalConfig(env)).not.toThrow(token);
  });
});
